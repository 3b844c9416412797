from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from chancery.decisions.models import Dossier
from chancery.portal.queries import decision_path, meetings_with_decisions, themes_with_counts, visible_final_items


class MeetingSitemap(Sitemap):
    """Public meeting pages: those of which something is released (what the public may see)."""

    changefreq = "weekly"

    def items(self):
        return meetings_with_decisions(AnonymousUser())

    def location(self, meeting):
        return reverse("portal:meeting", args=[meeting.uuid])


class DossierSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Dossier.objects.visible_to(AnonymousUser()).order_by("pk")

    def location(self, dossier):
        return reverse("portal:dossier", args=[dossier.uuid])


class DecisionSitemap(Sitemap):
    """Every released decision's own page (its permalink)."""

    changefreq = "monthly"
    limit = 5000

    def items(self):
        return (
            visible_final_items(AnonymousUser())
            .filter(decisions__isnull=False)
            .distinct()
            .select_related("agenda__meeting")
            .order_by("pk")
        )

    def location(self, item):
        return decision_path(item)


class ThemeSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [theme for theme, _count in themes_with_counts(AnonymousUser())]

    def location(self, theme):
        return reverse("portal:theme", args=[theme.slug])


SITEMAPS = {
    "meetings": MeetingSitemap,
    "decisions": DecisionSitemap,
    "dossiers": DossierSitemap,
    "themes": ThemeSitemap,
}
