from django.contrib.sitemaps import Sitemap

from cases.models import Case


class CaseSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10_000

    def items(self):
        return (
            Case.objects.public()
            .select_related("search")
            .only("slug", "search__public_updated_at")
            .order_by("pk")
        )

    def lastmod(self, case):
        return case.search.public_updated_at  # public content only (cases.models.search)
