"""The same page in every interface language: the switcher's links and the hreflang
alternates (templates/base.html), and the sitemap's alternates (cases/sitemaps.py).

Public pages live in i18n_patterns (config/urls.py): English unprefixed, the others under
/<code>/. A page's other versions keep its query string (translate_url keeps it), so a
search switches language with its terms, filters and page. Unprefixed machine and staff
addresses (admin, API, sitemaps) have no versions.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.middleware import locale
from django.urls import LocalePrefixPattern, Resolver404, get_resolver, translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject


@dataclass(frozen=True)
class Version:
    code: str
    name: str
    url: str  # this page's address in that language, with the query
    absolute: str
    current: bool
    home: str  # the home page in that language, where a missing page's switcher leads


def absolute(request, url: str) -> str:
    """A full address: from SITE_URL when set (one name however the site is reached)."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/") + url
    try:
        return request.build_absolute_uri(url)
    except DisallowedHost:  # the 400 page of a request for a host we do not serve
        return url


def without_prefix(path: str) -> str:
    """The path of the English version: the language prefix, if any, taken off."""
    code = translation.get_language_from_path(path)
    if code and code != settings.LANGUAGE_CODE:
        return path.removeprefix(f"/{code}")
    return path


def prefixed(path: str, code: str) -> str:
    return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"


def _outside(path: str) -> bool:
    for pattern in get_resolver().url_patterns:
        if isinstance(getattr(pattern, "pattern", None), LocalePrefixPattern):
            continue
        try:
            if pattern.resolve(path.removeprefix("/")):
                return True
        except Resolver404:
            pass
    return False


def is_language_page(path: str) -> bool:
    """Whether the path is a public page (in i18n_patterns), or no page at all: a 404 has
    its versions too, so that a visitor who mistyped can still change language. The rest
    (admin, API, sitemaps, robots.txt) is matched by the patterns outside them."""
    return not _outside(path)


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, but the unprefixed addresses outside the public pages follow the browser.

    With prefix_default_language=False, Django reads every unprefixed address as English,
    so the API and the admin would never follow Accept-Language (nor the language cookie).
    """

    def process_request(self, request):
        super().process_request(request)
        if not is_language_page(request.path_info):
            language = translation.get_language_from_request(request)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()


def versions(request) -> list[Version]:
    full_path = request.get_full_path()
    if not is_language_page(request.path):
        return []
    current = translation.get_language()
    query = full_path[len(request.path) :]
    result = []
    for code, name in settings.LANGUAGES:
        url = translate_url(full_path, code)
        if url == full_path and code != current:  # not resolvable (a 404): by prefix
            url = prefixed(without_prefix(request.path), code) + query
        home = prefixed("/", code)
        result.append(Version(code, name, url, absolute(request, url), code == current, home))
    return result


def page_languages(request) -> dict:
    """Template context: `page_versions`, computed only when a template reads it."""
    return {"page_versions": SimpleLazyObject(lambda: versions(request))}
