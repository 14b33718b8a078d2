"""Atom feeds: recently updated public cases, any search, and each case's updates."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.search import SearchRequest
from cases.selectors import public_case_page
from core.public import public_value

FEED_ITEMS = 50
# Entry ids are tag URIs (RFC 4151) of the site's name, this year and what the entry is
# about by its primary key: absolute, and the same whatever the title, slug or address a
# reader came through, so a feed reader never shows an entry twice.
TAG_YEAR = 2026


def tag_authority(request) -> str:
    """The site's host name: SITE_URL's when set (one name however it is reached)."""
    return urlsplit(settings.SITE_URL).hostname or request.get_host().split(":")[0]


def tag(authority: str, *parts) -> str:
    return f"tag:{authority},{TAG_YEAR}:" + ":".join(str(part) for part in parts)


class SearchFeed(Feed):
    """/cases/feed/ with the query string of any search: follow it without an account."""

    feed_type = Atom1Feed
    title = _("Case tracker: recently updated cases")
    subtitle = _("Public cases of people at risk, latest activity first.")

    def get_object(self, request):
        self.authority = tag_authority(request)
        self.query = request.GET.copy()
        self.query["sort"] = "activity"
        return None

    def link(self):
        return reverse("cases:list") + (f"?{self.query.urlencode()}" if self.query else "")

    def items(self):
        # The documents' text is only for matching: not read, sent or parsed for 50 items.
        documents = SearchRequest.from_params(self.query).documents().select_related("case")
        return documents.defer("document", "body", "names")[:FEED_ITEMS]

    def item_title(self, doc):
        return public_value(doc.case, "title")

    def item_description(self, doc):
        return public_value(doc.case, "summary") or ""

    def item_link(self, doc):
        return doc.case.get_absolute_url()

    def item_updateddate(self, doc):
        return doc.public_updated_at  # moves with public content only, unlike updated_at

    def item_guid(self, doc):
        return tag(self.authority, "case", doc.case_id)

    item_guid_is_permalink = False


class CaseFeed(Feed):
    """/cases/<slug>/feed/: the case's timeline, newest entries first."""

    feed_type = Atom1Feed

    def get_object(self, request, slug):
        page = public_case_page(slug)
        self.authority = tag_authority(request)
        self.document = page.case.search
        return page

    def title(self, page):
        return gettext("%(title)s: updates") % {"title": public_value(page.case, "title")}

    def link(self, page):
        return page.case.get_absolute_url()

    def items(self, page):
        return list(reversed(page.timeline))[:FEED_ITEMS]

    def item_title(self, item):
        return f"{item.entry.display_date}: {item.entry.label}"

    def item_description(self, item):
        return item.summary or ""

    def item_link(self, item):
        return f"{item.entry.record.case.get_absolute_url()}#timeline-heading"

    def item_guid(self, item):
        record = item.entry.record
        return tag(
            self.authority, "case", record.case_id, record._meta.model_name, record.pk,
            item.entry.date.isoformat(),
        )  # fmt: skip

    item_guid_is_permalink = False

    def item_updateddate(self, item):
        # When the record's public content changed, not its updated_at (cases.models.search).
        return self.document.record_updated_at(item.entry.record)
