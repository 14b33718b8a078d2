from django.contrib.sitemaps import Sitemap

from cases.models import Case


class CaseSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10_000

    def items(self):
        return Case.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, case):
        return case.updated_at
