"""Admin building blocks every app shares: time stamps, autocomplete, inlines that load once.

Pages that list many rows with autocomplete fields (a case with dozens of records) would
otherwise run one query per row and per field to label the selected options; the inlines
here load related rows with the formset and hand their labels to the widgets. Inline forms
also check the constraints that involve their parent, which Django 5.2 skips.
"""

from django.contrib import admin
from django.contrib.admin.widgets import (
    AutocompleteSelect,
    AutocompleteSelectMultiple,
    RelatedFieldWidgetWrapper,
)
from django.core.exceptions import ValidationError
from django.db import models, router
from django.forms import ModelForm
from django.forms.models import BaseInlineFormSet, InlineForeignKeyField

STAMPS = ("created_at", "updated_at")
STAMPS_FIELDSET = ("Record", {"fields": STAMPS, "classes": ["collapse"]})


class PreloadedAutocompleteMixin:
    """An autocomplete widget that labels its selected options from rows already loaded.

    `preloaded` maps str(pk) to label; when a selected value is missing from it (a form
    redisplayed with new input) the widget queries as Django's does.
    """

    preloaded: dict[str, str] | None = None

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if self.preloaded is None or not selected <= self.preloaded.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for pk, label in self.preloaded.items():
            if pk in selected:
                options.append(self.create_option(name, pk, label, True, len(options)))
        return [(None, options, 0)]


class PreloadedAutocompleteSelect(PreloadedAutocompleteMixin, AutocompleteSelect):
    pass


class PreloadedAutocompleteSelectMultiple(PreloadedAutocompleteMixin, AutocompleteSelectMultiple):
    pass


def preload_autocomplete_labels(form) -> None:
    """Label each autocomplete widget of a form from its instance's cached related rows."""
    instance = form.instance
    if instance.pk is None:
        return
    prefetched = getattr(instance, "_prefetched_objects_cache", {})
    for name, formfield in form.fields.items():
        widget = formfield.widget
        if isinstance(widget, RelatedFieldWidgetWrapper):
            widget = widget.widget
        if not isinstance(widget, PreloadedAutocompleteMixin):
            continue
        model_field = instance._meta.get_field(name)
        if model_field.many_to_many:
            if name not in prefetched:
                continue
            related = list(prefetched[name])
        elif getattr(instance, model_field.attname) is None:
            related = []
        elif model_field.is_cached(instance):
            related = [getattr(instance, name)]
        else:
            continue
        widget.preloaded = {str(obj.pk): formfield.label_from_instance(obj) for obj in related}


def constraint_fields(constraint) -> set[str]:
    """The model fields a constraint reads (fields only, for unique constraints)."""
    if isinstance(constraint, models.CheckConstraint):
        return set(models.Q(constraint.condition).referenced_base_fields)
    return set(getattr(constraint, "fields", ()))


class InlineConstraintsForm(ModelForm):
    """Checks the constraints that involve the parent foreign key of an inline form.

    Django 5.2 leaves that key out of an inline form's model validation, and with it every
    constraint that names it (a person related to themselves, a role given twice), so the
    database would refuse the save with an error page (Django ticket #35676, fixed in 6.0).
    """

    def validate_unique(self):
        super().validate_unique()
        parent_keys = {
            name for name, field in self.fields.items() if isinstance(field, InlineForeignKeyField)
        }
        exclude = self._get_validation_exclusions()
        using = router.db_for_write(type(self.instance), instance=self.instance)
        for model, constraints in self.instance.get_constraints():
            for constraint in constraints:
                fields = constraint_fields(constraint)
                if not fields & parent_keys or fields & exclude:
                    continue
                try:
                    constraint.validate(model, self.instance, exclude=exclude, using=using)
                except ValidationError as error:
                    self._update_errors(error)


class PreloadingInlineFormSet(BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        preload_autocomplete_labels(form)
        return form


class StaffAdminMixin:
    """Shared by model admins and inlines: https links, preloading autocomplete widgets."""

    # Staff paste addresses without a scheme; assume https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class StaffAdmin(StaffAdminMixin, admin.ModelAdmin):
    pass


class StampedAdmin(StaffAdmin):
    """A model admin showing the read-only created/updated stamps on change pages."""

    readonly_fields = STAMPS


class LoadingInlineMixin(StaffAdminMixin):
    """An inline that loads every related row its forms display in a fixed number of queries."""

    form = InlineConstraintsForm
    formset = PreloadingInlineFormSet

    def get_queryset(self, request):
        opts = self.model._meta
        foreign_keys = [f.name for f in opts.concrete_fields if f.many_to_one]
        many = [f.name for f in opts.many_to_many]
        return super().get_queryset(request).select_related(*foreign_keys).prefetch_related(*many)


class StackedInline(LoadingInlineMixin, admin.StackedInline):
    extra = 0
    show_change_link = True


class TabularInline(LoadingInlineMixin, admin.TabularInline):
    extra = 0
