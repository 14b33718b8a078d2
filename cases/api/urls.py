from django.urls import path, re_path
from django.views.generic import TemplateView

from cases.api import views
from cases.api.schema import SchemaView

app_name = "api"
urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path("cases/", views.CaseList.as_view(), name="cases"),
    path("cases/<slug:slug>/", views.CaseDetail.as_view(), name="case-detail"),
    path("people/", views.PersonList.as_view(), name="people"),
    path("people/<slug:slug>/", views.PersonDetail.as_view(), name="person-detail"),
    path("organizations/", views.OrganizationList.as_view(), name="organizations"),
    path(
        "organizations/<slug:slug>/",
        views.OrganizationDetail.as_view(),
        name="organization-detail",
    ),
    path("statements/", views.StatementList.as_view(), name="statements"),
    path("statements/<int:pk>/", views.StatementDetail.as_view(), name="statement-detail"),
    path("sources/", views.SourceList.as_view(), name="sources"),
    path("sources/<int:pk>/", views.SourceDetail.as_view(), name="source-detail"),
    path("schema/", SchemaView.as_view(), name="schema"),
    # Swagger UI from drf-spectacular-sidecar's static files, started by static/api/docs.js:
    # no inline script, so it runs under the site's Content-Security-Policy.
    path("docs/", TemplateView.as_view(template_name="api/docs.html"), name="docs"),
    # Anything else under /api/ (ending in a slash, so APPEND_SLASH still redirects), even
    # with a newline in it.
    re_path(r"^[\s\S]*/$", views.not_found),
]
