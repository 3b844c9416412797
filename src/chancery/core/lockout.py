"""The login lockout: django-axes' database handler (counts in the database, so every web process
shares them), keyed on the user name and the client's address (`core.client.client_address`),
plus a limit per address over all user names: one address trying many names (password spraying)
is locked out as well once it failed `CHANCERY_LOGIN_ADDRESS_FAILURE_LIMIT` times within the
cool-off time, though no single name reached its own limit."""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from chancery.core.client import client_address


class LoginLockout(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        limit = get_failure_limit(request, credentials)
        if failures >= limit:
            return failures
        since = timezone.now() - settings.AXES_COOLOFF_TIME
        from_address = AccessAttempt.objects.filter(
            ip_address=client_address(request), attempt_time__gte=since
        ).aggregate(total=Sum("failures_since_start"))["total"]
        if (from_address or 0) >= settings.CHANCERY_LOGIN_ADDRESS_FAILURE_LIMIT:
            return limit
        return failures
