"""Response headers that protect staff pages, and the refusal of input no view can store."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _

NUL = "\x00"
JSON_TYPES = ("application/json", "application/vnd.api+json")


class StaffNoStoreMiddleware:
    """Nothing from the staff admin, nor any page a signed-in member of staff reads, is
    kept by browsers or proxies (Cache-Control: no-store); public responses to everyone
    else get validators instead (core/conditional.py)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = settings.ADMIN_PATH

    def __call__(self, request):
        # Asked before the view: the API's views replace request.user with an anonymous one.
        staff = request.path.startswith(self.prefix) or request.user.is_authenticated
        response = self.get_response(request)
        if staff:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


def _holds_nul(querydict) -> bool:
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in querydict.lists()
    )


def carries_nul(request) -> bool:
    """Whether a NUL character is anywhere a view may read text from without a form: the
    path, the query string, cookies, other headers or a JSON body.

    Form fields are left to their forms: Django's form fields refuse a NUL with a message
    beside the field, and the rest of what the staff member typed stays on the page.
    """
    if (
        NUL in request.path
        or _holds_nul(request.GET)
        or any(NUL in k + v for k, v in request.COOKIES.items())
    ):
        return True
    if any(NUL in str(value) for key, value in request.META.items() if key.startswith("HTTP_")):
        return True
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    if request.content_type in JSON_TYPES:
        return b"\x00" in request.body or b"\\u0000" in request.body
    return False


class RejectNulMiddleware:
    """Answers 400 Bad Request to any request carrying a NUL character (see carries_nul).

    PostgreSQL refuses NUL in text, so a NUL that reached a query (a list filter, a search,
    an autocomplete term, a slug) would end in a server error on whatever
    view read it; refusing it here, before any view, covers every URL at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.api_prefix = reverse("api:root")

    def __call__(self, request):
        if not carries_nul(request):
            return self.get_response(request)
        message = _("The request contains a NUL character, which no text may hold.")
        if request.path.startswith(self.api_prefix):
            # API errors are JSON, naming each parameter at fault as the API's own do.
            named = [
                key.replace(NUL, "")
                for key, values in request.GET.lists()
                if NUL in key or any(NUL in value for value in values)
            ]
            return JsonResponse(
                {name: [message] for name in named} or {"detail": message}, status=400
            )
        raise BadRequest(message)
