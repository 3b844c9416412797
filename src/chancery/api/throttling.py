"""Rate limits per token, and per address for callers without one. The counts are kept in the
shared cache (`CACHES["shared"]`: the database, or Redis when configured), so every web process
counts against the same limit; the address is `core.client.client_address` (forwarded headers only
from trusted proxies), the same one the login lockout uses."""

from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

from chancery.api.models import ApiToken
from chancery.core.client import client_address


class PerClientThrottle(SimpleRateThrottle):
    @property
    def cache(self):
        return caches["shared"]

    def get_rate(self):
        return None  # chosen per request in allow_request

    def allow_request(self, request, view):
        token = request.auth if isinstance(request.auth, ApiToken) else None
        self.scope = "token" if token else "anonymous"
        self.rate = self.THROTTLE_RATES[self.scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_ident(self, request):
        return client_address(request)

    def get_cache_key(self, request, view):
        token = request.auth if isinstance(request.auth, ApiToken) else None
        ident = (
            f"token-{token.pk}"
            if token
            else (f"user-{request.user.pk}" if request.user.is_authenticated else self.get_ident(request))
        )
        return f"throttle_{self.scope}_{ident}"
