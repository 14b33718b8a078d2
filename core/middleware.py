"""Response headers that protect staff pages."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control


class StaffNoStoreMiddleware:
    """Nothing from the staff admin is kept by browsers or proxies (Cache-Control: no-store)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = settings.ADMIN_PATH

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefix):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response
