"""The staff admin site: two-factor authentication (TOTP) for confidential access.

Every staff member may set up an authenticator app; staff who can see confidential data
must (settings.TWO_FACTOR_REQUIRED, on outside development). Until they have verified a
code in this session the admin treats them as signed out of it and sends them to
/admin/two-factor/, where they enter a code or set up their first device.
"""

from io import BytesIO

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.language import language_view
from config import staff_home
from core.access import can_see_confidential
from core.confidential import without_confidential_log
from core.pickers import RankedAutocompleteJsonView
from core.public import public_url

NO_SUCH_PAGE = _("No public page.")


def two_factor_required(user) -> bool:
    return settings.TWO_FACTOR_REQUIRED and can_see_confidential(user)


def has_device(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


class StaffLoginForm(OTPAdminAuthenticationForm):
    """Password, then the authenticator code for anyone who has set up a device."""

    def clean(self):
        cleaned = super(OTPAdminAuthenticationForm, self).clean()
        user = self.get_user()
        if user is not None and has_device(user):
            self.clean_otp(user)
        return cleaned


class StaffAdminSite(admin.AdminSite):
    login_form = StaffLoginForm
    login_template = "otp/admin111/login.html"
    index_template = "admin/staff_index.html"

    def has_permission(self, request):
        user = request.user
        if not super().has_permission(request):
            return False
        return user.is_verified() or not two_factor_required(user)

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_active and user.is_staff and not self.has_permission(request):
            return redirect(f"{reverse('admin:two_factor')}?next={request.GET.get('next', '')}")
        return super().login(request, extra_context)

    def index(self, request, extra_context=None):
        """The staff home: the work first (config/staff_home.py), the app list compacted."""
        app_list = self.get_app_list(request)
        context = {"app_list": app_list, **staff_home.home_context(self, request, app_list)}
        return super().index(request, {**context, **(extra_context or {})})

    def search_view(self, request):
        """The home's one search box: cases, people and organizations this user may see."""
        term = request.GET.get("q", "").strip()
        context = {
            **self.each_context(request),
            "title": _("Search"),
            "term": term,
            "results": staff_home.search(self, request, term) if term else [],
        }
        return render(request, "admin/staff_search.html", context)

    def get_log_entries(self, request):
        """The index page's "Recent actions": only rows this user may still see."""
        entries = super().get_log_entries(request)
        if can_see_confidential(request.user):
            return entries
        if request.user.pk is None:  # every page's context has it, the sign-in page's too
            return entries.none()
        return without_confidential_log(entries, request.user, list(self._registry))

    def autocomplete_view(self, request):
        """Pickers that their model admins rank and label (core.pickers)."""
        return RankedAutocompleteJsonView.as_view(admin_site=self)(request)

    def get_urls(self):
        # Django's "view on site" redirects to the address of any row, hidden ones too.
        urls = [url for url in super().get_urls() if getattr(url, "name", "") != "view_on_site"]
        return [
            path("two-factor/", login_required(self.two_factor_view), name="two_factor"),
            path("search/", self.admin_view(self.search_view), name="staff_search"),
            path("language/", self.admin_view(self.language_view), name="language"),
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            ),
            *urls,
        ]

    def language_view(self, request):
        """Each member of staff's language of the staff pages (accounts/language.py)."""
        return language_view(request, self)

    def view_on_site(self, request, content_type_id, object_id):
        """Redirects to the public page of a row the public may see; anything else answers
        as a missing row does, so ids cannot be enumerated for names."""
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            model = None
        url = None if model is None else public_url(model, object_id)
        if url is None:
            raise Http404(NO_SUCH_PAGE)
        return redirect(url)

    def two_factor_view(self, request):
        """Verify a code from an existing device, or set up and confirm the first one."""
        user = request.user
        if not user.is_staff:
            return redirect("admin:login")
        device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
        enrolling = device is None
        if enrolling:
            device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
            device = device or TOTPDevice.objects.create(
                user=user, name="Authenticator app", confirmed=False
            )
        form = CodeForm(request.POST or None)
        if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            target = request.GET.get("next") or ""
            return redirect(target if target.startswith("/admin/") else "admin:index")
        if form.is_bound and not form.errors:
            form.add_error("code", "That code is not valid. Enter the current 6-digit code.")
        context = {
            **self.each_context(request),
            "title": "Set up two-factor sign-in" if enrolling else "Enter your sign-in code",
            "form": form,
            "enrolling": enrolling,
            "qr_svg": qr_svg(device.config_url) if enrolling else "",
            "secret": device.bin_key.hex() if enrolling else "",
            "required": two_factor_required(user),
        }
        return render(request, "admin/two_factor.html", context)


class CodeForm(forms.Form):
    code = forms.RegexField(
        regex=r"^\d{6}$",
        label="6-digit code from your authenticator app",
        error_messages={"invalid": "Enter the 6 digits your authenticator app shows."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    # Our own SVG markup from qrcode, not user input.
    return mark_safe(buffer.getvalue().decode())
