"""The open calls for proposals as an Atom feed (`/oproepen/feed`, RFC 4287), made as the portal's
feeds are (portal.views.PortalFeed, which this app may not import): the feed's id is its own
address, its author the Government, each entry a published call that is open now, with its
programme, closing moment and maximum per grant, updated when it was published. Links are absolute
through core.links. Only published calls are public (grants.readers), so nothing else gets in."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from chancery.core import links
from chancery.core.money import euro_cents
from chancery.grants.services import programmes

# XML cannot carry control characters (but tab, line feed and carriage return).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str, limit: int) -> str:
    return _CONTROL.sub("", text)[:limit]


class OpenCallsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        # A feed object serves every request: the request travels with the call, not on self.
        return request

    def title(self, request):
        return _("Open calls for proposals")

    def subtitle(self, request):
        return _("The calls for proposals of the grant programmes that are open for applications now.")

    def link(self, request):
        return links.absolute(reverse("grants_public:calls"), request)

    def feed_url(self, request):
        return links.absolute(request.get_full_path(), request)

    def feed_guid(self, request):
        return self.feed_url(request)

    def author_name(self):
        return settings.CHANCERY_GOVERNING_BODY["label"]

    def items(self, request):
        base = links.site_base(request)
        return [(call, base) for call in programmes.open_calls(timezone.now())]

    def item_title(self, item):
        call, _base = item
        return _clean(call.title, 1000)

    def item_description(self, item):
        call, _base = item
        closes = formats.date_format(timezone.localtime(call.closes_at), "j F Y H:i")
        text = _("%(programme)s. Open until %(closes)s; at most %(maximum)s per grant. %(objectives)s") % {
            "programme": call.programme.name, "closes": closes, "maximum": euro_cents(call.max_grant_cents),
            "objectives": call.objectives,
        }  # fmt: skip
        return _clean(text, 500)

    def item_link(self, item):
        call, base = item
        return base + call.get_absolute_url()

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        call, _base = item
        return call.published_at or call.opens_at

    def item_updateddate(self, item):
        call, _base = item
        return max(call.published_at or call.opens_at, call.opens_at)
