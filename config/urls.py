from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from cases import sitemaps
from cases import views as case_views
from cases.admin import review
from cases.admin.hiding import add_hiding_to
from cases.spreadsheets import views as spreadsheet_views
from core.date_fields import READING_URL_NAME, reading_view
from history.admin import add_history_to

# Every tracked model's admin page links to its history of changes (history app).
add_history_to(admin.site)
# Every row the public can see gets "Take off the public site" (cases/admin/hiding.py).
add_hiding_to(admin.site)

admin.site.site_header = "Case tracker: staff"
admin.site.site_title = "Case tracker staff"
admin.site.index_title = "Record and update cases"

# The public pages, in every language: English at the addresses published before
# languages came (no prefix), the others under /ru/, /kk/, /uz/. Their language is the
# URL's alone, so a page's address names one page and its validators stay per URL.
public_pages = i18n_patterns(
    path("", case_views.home, name="home"),
    path("cases/", include("cases.urls")),
    path("people/", case_views.person_list, name="person-list"),
    path("organizations/", case_views.organization_list, name="organization-list"),
    path("people/<slug:slug>/", case_views.person_detail, name="person-detail"),
    path(
        "organizations/<slug:slug>/",
        case_views.organization_detail,
        name="organization-detail",
    ),
    prefix_default_language=False,
)

# For machines and staff, one address each: robots, sitemaps (which list every language's
# page), the API (its messages follow Accept-Language) and the admin.
urlpatterns = [
    path("robots.txt", case_views.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-cases-<int:number>.xml", sitemaps.sitemap_page, name="sitemap-cases"),
    path("api/", include("cases.api.urls")),
    # Spreadsheet import and export (cases/spreadsheets), before the admin's catch-all.
    path(
        settings.ADMIN_PATH.strip("/") + "/import/",
        admin.site.admin_view(spreadsheet_views.import_view),
        name="spreadsheet-import",
    ),
    path(
        settings.ADMIN_PATH.strip("/") + "/export/<slug:kind>.<slug:fmt>",
        admin.site.admin_view(spreadsheet_views.export_view),
        name="spreadsheet-export",
    ),
    # The live preview of one-field dates (core/date_fields.py): staff only.
    path(
        settings.ADMIN_PATH.strip("/") + "/date-reading/",
        admin.site.admin_view(reading_view),
        name=READING_URL_NAME,
    ),
    # The publishers' review of proposed changes (cases/admin/review.py).
    *review.urls(settings.ADMIN_PATH.strip("/") + "/"),
    path(settings.ADMIN_PATH.strip("/") + "/", admin.site.urls),
    *public_pages,
]
