from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from cases import views as case_views

admin.site.site_header = "Case tracker: staff"
admin.site.site_title = "Case tracker staff"
admin.site.index_title = "Record and update cases"

urlpatterns = [
    path("", case_views.home, name="home"),
    path("cases/", include("cases.urls")),
    path("people/<slug:slug>/", case_views.person_detail, name="person-detail"),
    path(
        "organizations/<slug:slug>/",
        case_views.organization_detail,
        name="organization-detail",
    ),
    path(settings.ADMIN_PATH.strip("/") + "/", admin.site.urls),
]
