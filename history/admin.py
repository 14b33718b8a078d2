"""'History of changes' for any model admin: every event of a record and of its dependents.

HistoryAdminMixin adds the view `<object_id>/changes/` (URL name
admin:<app>_<model>_changes) and a "History of changes" button on the change form, in place
of Django's own "History" (its `<object_id>/history/` now redirects to ours). Wire it
in either way:

- once for the whole site, in config/urls.py before `urlpatterns` (the apps keep not
  importing history): `add_history_to(admin.site)`;
- or per class: `class CaseAdmin(HistoryAdminMixin, StampedAdmin): ...`.

An admin with a change form template of its own includes
"admin/history/change_form_object_tools.html" in its object-tools-items block.
"""

from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.access import can_see_confidential
from core.models import Visibility
from history.models import EVENT_MODELS
from history.timeline import Timeline, safe_label

PER_PAGE = 100


class HistoryAdminMixin:
    change_form_template = "admin/history/change_form.html"
    history_changes_template = "admin/history/changes.html"

    def get_urls(self):
        opts = self.opts
        changes = path(
            "<path:object_id>/changes/",
            self.admin_site.admin_view(self.changes_view),
            name=f"{opts.app_label}_{opts.model_name}_changes",
        )
        return [changes, *super().get_urls()]

    def history_changes_url(self, obj) -> str:
        opts = self.opts
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_changes",
            args=[quote(obj.pk)],
            current_app=self.admin_site.name,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["history_changes_url"] = self.history_changes_url(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def history_view(self, request, object_id, extra_context=None):
        """Django's own history lists the admin log, whose messages name rows whatever their
        visibility ("Added contact detail “Phone: …”"): everyone gets ours, which is filtered."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return redirect(self.history_changes_url(obj))

    def changes_view(self, request, object_id, extra_context=None):
        """Every insert, update and delete of the record and its dependents, newest first."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        reveal = can_see_confidential(request.user)
        if not reveal and getattr(obj, "visibility", None) == Visibility.CONFIDENTIAL:
            raise PermissionDenied

        timeline = Timeline(obj, user=request.user)
        paginator = self.get_paginator(request, timeline, PER_PAGE)
        page_obj = paginator.get_page(request.GET.get(PAGE_VAR, 1))
        label = safe_label(obj, reveal=reveal)
        context = {
            **self.admin_site.each_context(request),
            "title": _("History of changes: %(label)s") % {"label": label},
            "subtitle": None,
            "object": obj,
            "object_label": label,
            "entries": page_obj.object_list,
            "page_obj": page_obj,
            "page_range": paginator.get_elided_page_range(page_obj.number),
            "page_var": PAGE_VAR,
            "pagination_required": paginator.num_pages > 1,
            "module_name": str(capfirst(self.opts.verbose_name_plural)),
            "opts": self.opts,
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.history_changes_template, context)


def with_history(admin_class):
    """The admin class with the history view (itself when it has it already)."""
    if issubclass(admin_class, HistoryAdminMixin):
        return admin_class
    return type(
        admin_class.__name__,
        (HistoryAdminMixin, admin_class),
        {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
    )


def add_history_to(site) -> None:
    """Give the admin of every tracked model registered on `site` the history view."""
    for model in EVENT_MODELS:
        if site.is_registered(model):
            admin_class = type(site.get_model_admin(model))
            if not issubclass(admin_class, HistoryAdminMixin):
                site.unregister(model)
                site.register(model, with_history(admin_class))
