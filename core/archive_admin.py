"""Deleting archives: the admin of an ArchivableModel (case, person, organization).

"Delete" on the change page and the list's "Archive selected" action set `archived_at`
instead of removing the row, so nothing is lost and every public surface drops it at once
(public() excludes archived rows). Archived rows leave the default list and autocomplete;
staff with cases.restore_archived bring them back with the "Restore" action.
"""

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.options import IS_POPUP_VAR
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

RESTORE_PERMISSION = "cases.restore_archived"


class ArchivedFilter(admin.SimpleListFilter):
    """Archived: no (the default), yes, or all."""

    title = "archived"
    parameter_name = "archived"
    options = ((None, "No"), ("yes", "Yes"), ("all", "All"))

    def lookups(self, request, model_admin):
        return [(value, label) for value, label in self.options if value]

    def choices(self, changelist):
        current = self.value() if self.value() in ("yes", "all") else None
        for value, label in self.options:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: value} if value else {},
                    [] if value else [self.parameter_name],
                ),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        if self.value() == "yes":
            return queryset.filter(archived_at__isnull=False)
        return queryset.filter(archived_at__isnull=True)


class ArchivingAdminMixin:
    """Put before the admin base class of an archivable model."""

    delete_confirmation_template = "admin/archivable/archive_confirmation.html"

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ArchivedFilter]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.archived_at is not None:
            return [(_("Archived"), {"fields": ("archived_at",)}), *fieldsets]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "archived_at"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # Autocomplete offers what staff may link to now, not what was archived.
        match = request.resolver_match
        if match is not None and match.url_name == "autocomplete":
            return queryset.filter(archived_at__isnull=True)
        return queryset

    # Deleting is archiving.

    def delete_view(self, request, object_id, extra_context=None):
        title = _("Archive %(name)s") % {"name": self.opts.verbose_name}
        context = {"title": title, **(extra_context or {})}
        return super().delete_view(request, object_id, context)

    def delete_model(self, request, obj):
        obj.archive()

    def delete_queryset(self, request, queryset):
        self.model._default_manager.filter(pk__in=queryset.values("pk")).archive()

    def log_deletions(self, request, queryset):
        return LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=queryset,
            action_flag=CHANGE,
            change_message="Archived.",
        )

    def get_deleted_objects(self, objs, request):
        """Nothing else goes with an archived row: it stays, with everything it links."""
        objs = list(objs)
        lacking = set() if self.has_delete_permission(request) else {self.opts.verbose_name}
        return [str(obj) for obj in objs], {self.opts.verbose_name_plural: len(objs)}, lacking, []

    def response_delete(self, request, obj_display, obj_id):
        if IS_POPUP_VAR in request.POST:
            return super().response_delete(request, obj_display, obj_id)
        self.message_user(
            request,
            _(
                "The %(name)s “%(obj)s” was archived: it is off the public site and out of the "
                "lists. An administrator can restore it."
            )
            % {"name": self.opts.verbose_name, "obj": obj_display},
            messages.SUCCESS,
        )
        opts = self.opts
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    # Actions: "Archive selected" replaces "Delete selected"; "Restore" for administrators.

    def has_restore_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(RESTORE_PERMISSION)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not actions and (self.actions is None or IS_POPUP_VAR in request.GET):
            return actions
        actions.pop("delete_selected", None)
        if self.has_delete_permission(request):
            actions["archive_selected"] = self.get_action("archive_selected")
        if self.has_restore_permission(request):
            actions["restore_selected"] = self.get_action("restore_selected")
        return actions

    @admin.action(description=_("Archive selected %(verbose_name_plural)s"))
    def archive_selected(self, request, queryset):
        if not self.has_delete_permission(request):
            return
        self.log_deletions(request, queryset.filter(archived_at__isnull=True))
        count = self.model._default_manager.filter(pk__in=queryset.values("pk")).archive()
        self.message_user(
            request,
            _(
                "Archived %(count)d %(name)s: off the public site and out of the lists. "
                "An administrator can restore them."
            )
            % {"count": count, "name": self._name(count)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Restore selected %(verbose_name_plural)s"))
    def restore_selected(self, request, queryset):
        if not self.has_restore_permission(request):
            return
        archived = queryset.filter(archived_at__isnull=False)
        LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=archived,
            action_flag=CHANGE,
            change_message="Restored.",
        )
        count = self.model._default_manager.filter(pk__in=archived.values("pk")).restore()
        message = _("Restored %(count)d %(name)s.") % {"count": count, "name": self._name(count)}
        self.message_user(request, message, messages.SUCCESS)

    def _name(self, count: int) -> str:
        return str(self.opts.verbose_name if count == 1 else self.opts.verbose_name_plural)
