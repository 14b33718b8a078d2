"""Admin building blocks every app shares: time stamps, autocomplete, inlines that load once.

Staff without confidential access (core.access) get every admin with confidential rows
and fields removed: see ConfidentialAdminMixin, which every admin class and inline here
carries.

Pages that list many rows with autocomplete fields (a case with dozens of records) would
otherwise run one query per row and per field to label the selected options; the inlines
here load related rows with the formset and hand their labels to the widgets. Inline forms
also check the constraints that involve their parent, which Django 5.2 skips.
"""

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects, flatten_fieldsets
from django.contrib.admin.widgets import (
    AutocompleteSelect,
    AutocompleteSelectMultiple,
    RelatedFieldWidgetWrapper,
)
from django.core.exceptions import ValidationError
from django.db import models, router
from django.db.models import Prefetch, prefetch_related_objects
from django.forms import HiddenInput
from django.forms.models import BaseInlineFormSet, InlineForeignKeyField
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.access import can_see_confidential
from core.admin_lookups import ConfidentialLookupsMixin
from core.confidential import (
    confidential_fields,
    confidential_rows,
    links_to_confidential,
    without_confidential,
)
from core.date_fields import PreciseDatesFormMixin, date_companions, with_precise_dates
from core.formsets import SetBasedFormSetMixin
from core.locking import LockedModelForm, OptimisticLockMixin, with_row_state
from core.models import ArchivableModel, Visibility
from core.pickers import PICKER_MEDIA
from core.public import public_url
from core.unique import give_way, hidden_holders, yielding_fields

STAMPS = ("created_at", "updated_at")
STAMPS_FIELDSET = (_("Record"), {"fields": STAMPS, "classes": ["collapse"]})


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

    @property
    def media(self):
        # Tells the pickers which case the page is about (core.pickers).
        return super().media + PICKER_MEDIA


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


class StaffModelForm(PreciseDatesFormMixin, LockedModelForm):
    """Every staff form: optimistic locking, and each date with its precision in one field.

    The mixin is a base here rather than added per request: subclassing a model form class
    builds its fields anew (a query for each list of choices)."""


class InlineConstraintsForm(StaffModelForm):
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


class PreloadingInlineFormSet(SetBasedFormSetMixin, BaseInlineFormSet):
    # A table's inputs are labelled by its column headings only, which assistive
    # technology does not tie to them: tabular inlines name each input (aria-label).
    labels_inputs = False

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        preload_autocomplete_labels(form)
        if self.labels_inputs:
            label_inputs(form)
        return form

    @property
    def empty_form(self):
        form = super().empty_form
        if self.labels_inputs:
            label_inputs(form)
        return form


def label_inputs(form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, RelatedFieldWidgetWrapper):
            widget = widget.widget
        if field.label and not isinstance(field.widget, HiddenInput):
            widget.attrs.setdefault("aria-label", str(field.label))


class HidesConfidentialForm:
    """Mixed into the forms of staff without confidential access (see ConfidentialAdminMixin).

    Their many-to-many choices leave out confidential rows, so a save would drop the links
    to them: those links are kept as they were. A slug held by a confidential row is not
    reported taken: that row gives way (core.unique).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a new row can start confidential (a default): its visible rows never are.
        if (
            "visibility" in self.fields
            and self.initial.get("visibility") == Visibility.CONFIDENTIAL
        ):
            self.initial["visibility"] = Visibility.INTERNAL

    def validate_unique(self):
        # A slug only a confidential row holds is not "taken": that row gives way on save.
        model = type(self.instance)
        self._giving_way = {}
        for field in yielding_fields(model):
            value = self.cleaned_data.get(field.name) if field.name in self.fields else None
            holders = hidden_holders(model, field, [value], self.instance.pk) if value else {}
            if holders:
                self._giving_way[field] = list(holders.values())
        super().validate_unique()

    def _get_validation_exclusions(self):
        excluded = super()._get_validation_exclusions()
        return excluded | {field.name for field in getattr(self, "_giving_way", {})}

    def save(self, commit=True):
        # The admin saves inside one transaction: a refused save restores the slug too.
        for field, pks in getattr(self, "_giving_way", {}).items():
            give_way(type(self.instance), field, pks)
        return super().save(commit)

    def shown_among(self, rows) -> set:
        # Made confidential while the form was being saved: refused like a deleted row.
        pks = super().shown_among(rows)
        if not pks:
            return pks
        kept = type(rows[0])._base_manager.filter(pk__in=pks)
        return set(without_confidential(kept).values_list("pk", flat=True))

    def _save_m2m(self):
        untouched = self.untouched_links() if hasattr(self, "untouched_links") else set()
        for field in self.instance._meta.many_to_many:
            hidden = confidential_rows(field.related_model)
            if field.name not in self.fields or hidden is None or field.name in untouched:
                continue
            kept = field.related_model._base_manager.filter(hidden).filter(
                **{field.related_query_name(): self.instance.pk}
            )
            self.cleaned_data[field.name] = [*self.cleaned_data[field.name], *kept]
        super()._save_m2m()


def _without(fields, hidden: frozenset) -> list:
    """A fields layout (names and tuples of names on one line) without the `hidden` names."""
    kept = []
    for item in fields:
        if isinstance(item, list | tuple):
            line = tuple(name for name in item if name not in hidden)
            if line:
                kept.append(line if len(line) > 1 else line[0])
        elif item not in hidden:
            kept.append(item)
    return kept


class ConfidentialAdminMixin:
    """Staff without confidential access neither see nor edit confidential rows or fields.

    Driven by each model's own `visibility` and CONFIDENTIAL_FIELDS (core.confidential):
    confidential rows leave querysets (lists, inlines, change pages, autocomplete, choices),
    confidential fields leave forms, lists and searches, the "confidential" visibility is
    not offered, and an admin or inline with nothing but confidential fields disappears.
    """

    def reveals_confidential(self, request) -> bool:
        return can_see_confidential(request.user)

    def _hidden_fields(self, request) -> frozenset:
        if self.reveals_confidential(request):
            return frozenset()
        return confidential_fields(self.model)

    def _only_confidential(self, request) -> bool:
        """Whether, once confidential fields are removed, nothing but visibility remains."""
        hidden = self._hidden_fields(request)
        if not hidden:
            return False
        if self.fieldsets:
            declared = flatten_fieldsets(self.fieldsets)
        elif self.fields:
            declared = flatten_fieldsets([(None, {"fields": self.fields})])
        else:
            opts = self.model._meta
            declared = [f.name for f in (*opts.concrete_fields, *opts.many_to_many) if f.editable]
        return not set(declared) - hidden - {"visibility", "id"}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.reveals_confidential(request):
            return queryset
        return without_confidential(queryset)

    def confidential_prefetches(self, request) -> list:
        """Many-to-many prefetches for this user: without confidential rows when hidden."""
        lookups = []
        for field in self.model._meta.many_to_many:
            hidden = confidential_rows(field.related_model)
            if hidden is None or self.reveals_confidential(request):
                lookups.append(field.name)
            else:
                queryset = field.related_model._default_manager.exclude(hidden)
                lookups.append(Prefetch(field.name, queryset=queryset))
        return lookups

    def _limit_choices(self, formfield, request):
        if getattr(formfield, "queryset", None) is not None and not self.reveals_confidential(
            request
        ):
            formfield.queryset = without_confidential(formfield.queryset)
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._limit_choices(formfield, request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._limit_choices(formfield, request)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "visibility" and not self.reveals_confidential(request):
            kwargs["choices"] = [
                choice for choice in Visibility.choices if choice[0] != Visibility.CONFIDENTIAL
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        hidden = self._hidden_fields(request)
        fieldsets = super().get_fieldsets(request, obj)
        if not hidden:
            return fieldsets
        kept = []
        for name, options in fieldsets:
            fields = _without(options.get("fields", ()), hidden)
            if fields:
                kept.append((name, {**options, "fields": fields}))
        return kept

    def get_exclude(self, request, obj=None):
        hidden = self._hidden_fields(request)
        excluded = super().get_exclude(request, obj)
        if not hidden:
            return excluded
        return [*(excluded or ()), *sorted(hidden)]

    def get_readonly_fields(self, request, obj=None):
        hidden = self._hidden_fields(request)
        return [name for name in super().get_readonly_fields(request, obj) if name not in hidden]

    def _wrap_form(self, form, request):
        if self.reveals_confidential(request):
            return form
        return type(form.__name__, (HidesConfidentialForm, form), {})

    def has_view_permission(self, request, obj=None):
        return not self._only_confidential(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._only_confidential(request) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, *args):
        return not self._only_confidential(request) and super().has_add_permission(request, *args)

    def has_delete_permission(self, request, obj=None):
        return not self._only_confidential(request) and super().has_delete_permission(request, obj)


class StaffAdminMixin(ConfidentialAdminMixin):
    """Shared by model admins and inlines: https links, preloading autocomplete widgets,
    confidential data for named roles only."""

    # Staff paste addresses without a scheme; assume https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def view_on_site(self, obj):
        # Offered only for a row the public may see (core.public): none other has a page.
        return public_url(type(obj), obj.pk)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # A date's precision (and a span's end) is typed in the date's own field.
        companions = frozenset(date_companions(self.model))
        if companions:
            fieldsets = [
                (name, {**options, "fields": _without(options.get("fields", ()), companions)})
                for name, options in fieldsets
            ]
        if issubclass(self.form, OptimisticLockMixin):
            return with_row_state(fieldsets)
        return fieldsets

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

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper) and issubclass(
            db_field.related_model, ArchivableModel
        ):
            # Deleting a person or organization archives it: not a thing to do from a dropdown.
            widget.can_delete_related = False
        return formfield


class StaffAdmin(ConfidentialLookupsMixin, StaffAdminMixin, admin.ModelAdmin):
    form = StaffModelForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        # with_precise_dates: for a form that does not start from StaffModelForm.
        form = with_precise_dates(super().get_form(request, obj, change, **kwargs))
        return self._wrap_form(form, request)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and not self.reveals_confidential(request):
            # The form's many-to-many values then leave out confidential rows.
            prefetch_related_objects([obj], *self.confidential_prefetches(request))
        return obj

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Hidden or missing, the answer is the same, and names nothing.
        raise Http404(_("No such record."))

    def get_list_display(self, request):
        hidden = self._hidden_fields(request)
        return [name for name in super().get_list_display(request) if name not in hidden]

    def get_deleted_objects(self, objs, request):
        deleted = super().get_deleted_objects(objs, request)
        if self.reveals_confidential(request):
            return deleted
        # A cascade must not remove (nor list) rows this user may not see.
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        for model, rows in collector.data.items():
            hidden = confidential_rows(model) or links_to_confidential(model)
            if (
                hidden is not None
                and model._base_manager.filter(hidden, pk__in=[row.pk for row in rows]).exists()
            ):
                message = _(
                    "Records you cannot see depend on it; ask someone with confidential access."
                )
                return [], {}, set(), [message]
        return deleted


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
        many = self.confidential_prefetches(request)
        return super().get_queryset(request).select_related(*foreign_keys).prefetch_related(*many)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = self._wrap_form(with_precise_dates(formset.form), request)
        return formset


class StackedInline(LoadingInlineMixin, admin.StackedInline):
    extra = 0
    show_change_link = True


class TabularInline(LoadingInlineMixin, admin.TabularInline):
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"labels_inputs": True})
