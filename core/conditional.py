"""Validators and Cache-Control for public responses, and 304s before any view runs.

Every anonymous GET or HEAD outside the staff admin is answered from the public version
(core/public_version.py), read once per request before the view:

- `ETag`: a keyed hash of the release, the version, the full URL and the request headers
  public responses vary on (PUBLIC_VARY). A request whose If-None-Match names it gets 304
  at the cost of that one query; any committed change (hiding included) gives every URL a
  new tag, so a revalidation after it always renders anew.
- `Last-Modified`: the version's `changed_at`, whole seconds, a later second for each
  version (the database makes it so). If-Modified-Since is honoured only when it names
  exactly the current version's second ("exact match", RFC 9110 13.1.3's answer to
  causality), never as "not modified since": a client's date from another clock, or an
  earlier version of the same second, can then never hide a change. Omitted while the
  version's second is still in the future (many changes in one second push it ahead):
  Last-Modified may not be later than the response's date.
- `Cache-Control: public, no-cache` (every use revalidated, so hiding is immediate), or
  with settings.PUBLIC_CACHE_MAX_AGE = N > 0, `s-maxage=N` for shared caches (browsers
  still revalidate each time): a hidden record may then stay visible through such a cache
  for up to N seconds.

Staff (the admin, and anyone signed in) get none of this: core.middleware.StaffNoStoreMiddleware
makes their responses `no-store`.
"""

import functools
import hashlib
from pathlib import Path

import django
from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from core import public_version

# Request headers a public response may vary on; each one's value is part of the ETag.
# A response varying on anything else gets no validator (its tag could not be computed
# before the view). Cookie: a signed-in user gets no validator, but a language or
# messages cookie may change an anonymous page.
PUBLIC_VARY = ("Accept", "Accept-Language", "Cookie")
# What the release digest reads when settings.RELEASE is not set.
CODE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".css", ".js", ".svg", ".mo", ".json"}
SKIPPED_DIRS = {"__pycache__", "migrations", "tests", "node_modules"}


def is_public_request(request) -> bool:
    """An anonymous GET or HEAD outside the staff admin."""
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(settings.ADMIN_PATH)
        and not request.user.is_authenticated
    )


@functools.cache
def _code_digest() -> str:
    """A digest of the code, templates and static files (their names, sizes and times),
    so that a deployment changing what pages look like changes every tag."""
    digest = hashlib.blake2b(django.get_version().encode(), digest_size=16)
    roots = [Path(settings.BASE_DIR) / "templates", *map(Path, settings.STATICFILES_DIRS)]
    roots += [
        Path(config.path)
        for config in django.apps.apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR)
    ]
    for root in sorted(set(roots)):
        for path in sorted(root.rglob("*")):
            if path.suffix in CODE_SUFFIXES and not SKIPPED_DIRS & set(path.parts):
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()


def release() -> str:
    """What is deployed: settings.RELEASE (e.g. a commit id), else a digest of the code
    (recomputed each time with DEBUG on, where templates change under a running server)."""
    if settings.RELEASE:
        return settings.RELEASE
    if settings.DEBUG:
        _code_digest.cache_clear()
    return _code_digest()


def etag(request, version: public_version.PublicVersion) -> str:
    key = hashlib.sha256(settings.SECRET_KEY.encode()).digest()
    digest = hashlib.blake2b(key=key, digest_size=16)
    parts = [release(), str(version.number), version.changed_at.isoformat()]
    parts.append(request.build_absolute_uri())
    parts += [request.headers.get(name, "") for name in PUBLIC_VARY]
    for part in parts:
        digest.update(part.encode() + b"\0")
    return f'W/"{digest.hexdigest()}"'


def last_modified(version: public_version.PublicVersion) -> int | None:
    seconds = int(version.changed_at.timestamp())
    return seconds if seconds <= timezone.now().timestamp() else None


def not_modified(request, tag: str, modified: int | None) -> bool:
    """Whether the client's copy is the current one (weak comparison of tags)."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        # If-Modified-Since is ignored beside If-None-Match (RFC 9110 13.1.3). "*" is left
        # to the view: it would name whatever the view answers, a 404 included.
        theirs = {t.removeprefix("W/") for t in parse_etags(if_none_match)}
        return tag.removeprefix("W/") in theirs
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return modified is not None and since == modified


def cache_control() -> str:
    seconds = settings.PUBLIC_CACHE_MAX_AGE
    if seconds > 0:
        return f"public, max-age=0, must-revalidate, s-maxage={seconds}"
    return "public, no-cache"


def _vary(response) -> set[str]:
    return {h.strip().lower() for h in cc_delim_re.split(response.get("Vary", "")) if h.strip()}


class ConditionalGetMiddleware:
    """Validators and Cache-Control on public responses, 304 before the view (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.known_vary = {name.lower() for name in PUBLIC_VARY}

    def __call__(self, request):
        if not is_public_request(request):
            return self.get_response(request)
        version = public_version.current()
        tag = etag(request, version)
        modified = last_modified(version)
        if not_modified(request, tag, modified):
            response = HttpResponseNotModified()
        else:
            response = self.get_response(request)
            if response.has_header("Cache-Control"):
                return response  # The view decided for itself.
            if (
                response.status_code != 200
                or response.has_header("ETag")
                or not _vary(response) <= self.known_vary
            ):
                tag = modified = None
        response["Cache-Control"] = cache_control()
        patch_vary_headers(response, PUBLIC_VARY)
        if tag is not None:
            response["ETag"] = tag
        if modified is not None:
            response["Last-Modified"] = http_date(modified)
        return response
