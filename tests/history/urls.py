"""A throwaway admin site: every registered admin, given the history view by add_history_to.

Tests of the history view run against it (pytest.mark.urls), so they do not depend on
whether the project's own admin site has the history wired in yet.
"""

from django.contrib import admin
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns
from history.admin import add_history_to

site = admin.AdminSite(name="history_admin")
for model, model_admin in admin.site._registry.items():
    site.register(model, type(model_admin))
add_history_to(site)

urlpatterns = [path("history-admin/", site.urls), *project_urlpatterns]
