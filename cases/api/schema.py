"""/api/schema/: the OpenAPI schema, made once per process for each format and language.

drf-spectacular walks every view and serializer on each request (~0.4 s at best, a
crawler's easy way to keep workers busy), and the result depends only on the code, so
each process keeps the rendered bytes it made. Only bounded keys are kept (a known
language, version and renderer): any other `?lang=` or `?version=` is made afresh, as
before, so that no query string can grow the memory.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import get_language
from drf_spectacular.views import SpectacularAPIView
from rest_framework.settings import api_settings

_MADE: dict[tuple, tuple[bytes, dict[str, str]]] = {}


class SchemaView(SpectacularAPIView):
    def _get_schema_response(self, request):
        # Called by get(), inside its ?lang= translation and with its schema settings.
        key = self._key(request)
        made = _MADE.get(key) if key else None
        if made is None:
            response = self.finalize_response(request, super()._get_schema_response(request))
            response.render()
            if key is None or response.status_code != 200:
                return response
            headers = {name: response[name] for name in ("Content-Type", "Content-Disposition")}
            made = _MADE[key] = (response.content, headers)
        content, headers = made
        return HttpResponse(content, headers=headers)

    def _key(self, request) -> tuple | None:
        version = self.api_version or request.version or self._get_version_parameter(request)
        lang = request.GET.get("lang") if settings.USE_I18N else None
        # Bounded keys only; the language then comes from get_language().
        if version not in (None, *(api_settings.ALLOWED_VERSIONS or ())):
            return None
        if lang not in (None, *(code for code, _name in settings.LANGUAGES)):
            return None
        renderer, media_type = self.perform_content_negotiation(request)
        return (version, get_language(), renderer.format, media_type)
