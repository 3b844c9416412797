from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from chancery.decisions.models import Dossier
from chancery.portal.queries import decision_path, meetings_with_decisions, themes_with_counts, visible_final_items


class PublicSitemap(Sitemap):
    """Locations on the configured public address when there is one, else the request's (core.links)."""

    def get_domain(self, site=None):
        public = urlsplit(settings.CHANCERY_PUBLIC_URL)
        return public.netloc + public.path if public.netloc else super().get_domain(site)

    def get_protocol(self, protocol=None):
        public = urlsplit(settings.CHANCERY_PUBLIC_URL)
        return public.scheme if public.netloc else super().get_protocol(protocol)


class MeetingSitemap(PublicSitemap):
    """Public meeting pages: those of which something is released (what the public may see)."""

    changefreq = "weekly"

    def items(self):
        return meetings_with_decisions(AnonymousUser())

    def location(self, meeting):
        return reverse("portal:meeting", args=[meeting.uuid])


class DossierSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return Dossier.objects.visible_to(AnonymousUser()).order_by("pk")

    def location(self, dossier):
        return reverse("portal:dossier", args=[dossier.uuid])


class DecisionSitemap(PublicSitemap):
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


class ThemeSitemap(PublicSitemap):
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
