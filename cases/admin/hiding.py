""" "Take off the public site": one click on a row's page (or its line on the case page),
then a confirmation with the way and the reason, then cases.hiding.hide().

Offered to anyone with change permission on the row, whatever their role: hiding is
never delayed. HidingAdminMixin adds the view `<object_id>/hide/` (URL name
admin:<app>_<model>_hide) and the button among the change form's object tools;
add_hiding_to(site) gives it to the admin of every model cases.hiding can hide, people's
included (people never imports cases: the wiring is done from here, as organizations
adds its inline to the person's page).
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _

from cases.hiding import HIDEABLE_MODELS, hide_all, hows, is_shown

NEXT_VAR = "next"  # where the confirmation returns to (the case page, for an inline row)
HIDE_LABEL = _("Take off the public site")


class HideForm(forms.Form):
    how = forms.ChoiceField(label=_("Make it"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Why (for the publishers and the history)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Optional. Publishers are told at once by email and on the staff home."),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["how"].choices = choices
        self.fields["how"].initial = choices[0][0]
        if len(choices) == 1:
            self.fields["how"].widget = forms.HiddenInput()


def hide_url(obj, next_url: str = "") -> str:
    """The confirmation page of taking `obj` off the public site, or "" if it has none."""
    opts = type(obj)._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_hide", args=[quote(obj.pk)])
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode({NEXT_VAR: next_url})}" if next_url else url


def hide_link_html(row, back: str, case=None) -> str:
    """The "Take off the public site" link of a saved public row of a published case
    (`case`, else the row's own, loaded with it), returning to `back`; "" otherwise."""
    if row is None or row.pk is None or not is_shown(row):
        return ""
    case = case if case is not None else getattr(row, "case", None)
    if case is None or not is_shown(case):
        return ""
    return row_hide_link(row, back)


def row_hide_link(row, back: str) -> str:
    """The link itself, for a row the caller found shown; "" if the row has no page."""
    url = hide_url(row, back)
    if not url:
        return ""
    return format_html('<a href="{}" class="hidelink inline-hidelink">{}</a>', url, HIDE_LABEL)


class HidingAdminMixin:
    def get_urls(self):
        opts = self.opts
        hide_path = path(
            "<path:object_id>/hide/",
            self.admin_site.admin_view(self.hide_view),
            name=f"{opts.app_label}_{opts.model_name}_hide",
        )
        return [hide_path, *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None and self._may_hide(request, obj):
            context["hide_url"] = hide_url(obj)
            context["hide_label"] = HIDE_LABEL
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _may_hide(self, request, obj) -> bool:
        return is_shown(obj) and self.has_change_permission(request, obj)

    def _back(self, request, obj) -> str:
        posted = request.POST.get(NEXT_VAR) or request.GET.get(NEXT_VAR, "")
        if posted and url_has_allowed_host_and_scheme(
            posted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return posted
        opts = self.opts
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])

    def hide_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        back = self._back(request, obj)
        choices = hows(obj, request.user)
        form = HideForm(request.POST if request.method == "POST" else None, choices=choices)
        if form.is_valid():
            try:
                hidden = hide_all(
                    [obj],
                    request.user,
                    how=form.cleaned_data["how"],
                    reason=form.cleaned_data["reason"],
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
            else:
                if hidden:
                    message = _("“%(what)s” is off the public site. The publishers have been told.")
                else:
                    message = _("“%(what)s” was already off the public site; nothing changed.")
                self.message_user(request, message % {"what": obj}, messages.SUCCESS)
                return HttpResponseRedirect(back)
        context = {
            **self.admin_site.each_context(request),
            "title": HIDE_LABEL,
            "subtitle": str(obj),
            "object": obj,
            "opts": self.opts,
            "form": form,
            "shown": is_shown(obj),
            "back_url": back,
            "next_var": NEXT_VAR,
            "is_case": obj._meta.model_name == "case",
            # With one way only, the page says what the row becomes instead of asking.
            "only_way": choices[0][1] if len(choices) == 1 else "",
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/hiding/confirm.html", context)


def with_hiding(admin_class):
    if issubclass(admin_class, HidingAdminMixin):
        return admin_class
    return type(
        admin_class.__name__,
        (HidingAdminMixin, admin_class),
        {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
    )


def add_hiding_to(site) -> None:
    """Give the admin of every model cases.hiding can hide the "Take off" button."""
    for model in HIDEABLE_MODELS:
        if site.is_registered(model):
            admin_class = type(site.get_model_admin(model))
            if not issubclass(admin_class, HidingAdminMixin):
                site.unregister(model)
                site.register(model, with_hiding(admin_class))
