from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from chancery.decisions.models import Dossier
from chancery.portal.queries import meetings_with_decisions


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


SITEMAPS = {"meetings": MeetingSitemap, "dossiers": DossierSitemap}
