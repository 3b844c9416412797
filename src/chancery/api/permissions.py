from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from chancery.api.models import ApiToken, Scope


class ManagesWebhooks(BasePermission):
    """Subscriptions belong to an application: only a bearer token with the `webhooks` scope."""

    message = _("This needs an API token with the “webhooks” scope.")

    def has_permission(self, request, view):
        token = request.auth
        return isinstance(token, ApiToken) and token.allows(Scope.WEBHOOKS)
