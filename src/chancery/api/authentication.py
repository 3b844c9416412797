"""Bearer tokens for applications; sessions for people in the browser (DRF's own)."""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from chancery.api.models import ApiToken, Scope


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header.startswith(f"{self.keyword} "):
            return None
        key = header[len(self.keyword) + 1 :].strip()
        token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(key), revoked=False).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This API token is not valid."))
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


ANONYMOUS = AnonymousUser()


def reader(request):
    """Whose eyes the API reads with: a token without read-internal reads as the public does."""
    token = request.auth if isinstance(request.auth, ApiToken) else None
    if token is not None and not token.allows(Scope.READ_INTERNAL):
        return ANONYMOUS
    return request.user
