"""Rate limits per token, and per address for callers without one. The counts are kept in the
shared cache (`CACHES["shared"]`: the database, or Redis when configured), so every web process
counts against the same limit; the address is `core.client.client_address` (forwarded headers only
from trusted proxies), the same one the login lockout uses.

The limit is a sliding window estimated from two fixed-window counters (the current window's count
plus the previous window's, weighted by the share of it still inside the sliding window), as nginx's
and most API gateways' limiters do. DRF's own `SimpleRateThrottle` keeps a list of every request's
time per client and rewrites it on each request: its cost grows with the allowed rate (at 1,200 per
minute a list of 1,200 timestamps pickled and written per request; the bench measured the limiter
at 15–18 % of an API list request). Two small integers per client cost the same at any rate.
(django-ratelimit, the usual library for counters, refuses the database cache that is our default
shared cache in its system check; the counting itself is these few lines.)"""

import math

from django.core.cache import caches
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from chancery.api.models import ApiToken
from chancery.core.client import client_address


class PerClientThrottle(BaseThrottle):
    THROTTLE_RATES = SimpleRateThrottle.THROTTLE_RATES  # DEFAULT_THROTTLE_RATES, as DRF reads them
    timer = SimpleRateThrottle.timer
    parse_rate = SimpleRateThrottle.parse_rate

    @property
    def cache(self):
        return caches["shared"]

    def allow_request(self, request, view):
        token = request.auth if isinstance(request.auth, ApiToken) else None
        scope = "token" if token else "anonymous"
        allowed, duration = self.parse_rate(self.THROTTLE_RATES[scope])
        ident = (
            f"token-{token.pk}"
            if token
            else (f"user-{request.user.pk}" if request.user.is_authenticated else client_address(request))
        )
        now = self.timer()
        window = int(now // duration)
        current, previous = (f"throttle:{scope}:{ident}:{w}" for w in (window, window - 1))
        counts = self.cache.get_many([current, previous])
        # The share of the previous window that still lies inside the sliding window ending now.
        overlap = 1 - (now - window * duration) / duration
        estimate = counts.get(current, 0) + counts.get(previous, 0) * overlap
        if estimate + 1 > allowed:
            # When enough of the previous window has slid out to admit one more request.
            older = counts.get(previous, 0)
            if older and counts.get(current, 0) + 1 <= allowed:
                slide = duration * (overlap - (allowed - counts.get(current, 0) - 1) / older)
                self._wait = max(1, math.ceil(round(slide, 6)))  # rounded: 10.000000001 s is 10 s
            else:
                self._wait = max(1, math.ceil((window + 1) * duration - now))
            return False
        # Kept two windows long: the next window still reads this one as its previous. One write per
        # request: `incr` where the counter was read (atomic on Redis), `add` for a window's first.
        if current not in counts or not self._incr(current):
            if not self.cache.add(current, 1, timeout=2 * duration):
                self._incr(current)  # another process added it meanwhile
        return True

    def _incr(self, key) -> bool:
        try:
            self.cache.incr(key)
        except ValueError:  # expired since it was read
            return False
        return True

    def wait(self):
        return getattr(self, "_wait", None)
