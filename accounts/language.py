"""Staff read the admin in the language they chose (StaffPreferences.language).

The choice is kept in the session, read from the database once per session (at sign-in,
or on the first staff page of a session begun before), so that an admin page costs no
query more than before. Without a choice, LocaleMiddleware's reading of the browser's
Accept-Language (or the language cookie) stands.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import StaffPreferences

SESSION_KEY = "staff_language"


def stored_language(user) -> str:
    row = StaffPreferences.objects.filter(user=user).values_list("language", flat=True)
    return row.first() or ""


@receiver(user_logged_in)
def remember_language(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = stored_language(user)


def staff_language(request) -> str:
    if SESSION_KEY not in request.session:
        request.session[SESSION_KEY] = stored_language(request.user)
    return request.session[SESSION_KEY]


class StaffLanguageMiddleware:
    """On admin pages, a signed-in member of staff's own language, when they chose one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(settings.ADMIN_PATH) and request.user.is_staff:
            language = staff_language(request)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


class LanguageForm(forms.ModelForm):
    class Meta:
        model = StaffPreferences
        fields = ["language"]


def language_view(request, admin_site):
    """The admin's page where a member of staff chooses the language of the staff pages."""
    preferences = StaffPreferences.objects.filter(user=request.user).first()
    preferences = preferences or StaffPreferences(user=request.user)
    form = LanguageForm(request.POST or None, instance=preferences)
    if request.method == "POST" and form.is_valid():
        form.save()
        request.session[SESSION_KEY] = form.instance.language
        translation.activate(form.instance.language or translation.get_language())
        messages.success(request, _("Your language for the staff pages is saved."))
        return redirect("admin:language")
    context = {
        **admin_site.each_context(request),
        "title": _("Language of the staff pages"),
        "form": form,
    }
    return TemplateResponse(request, "accounts/language.html", context)
