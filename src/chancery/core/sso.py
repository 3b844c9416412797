"""Single sign-on through the government's OpenID Connect provider.

The protocol is Authlib's (a maintained relying-party library): the authorization code flow with
PKCE (S256), a `state` kept in the session and removed on first use (a replayed callback finds none),
a `nonce` checked in the ID token, the ID token's signature checked against the provider's published
keys (fetched again when it names a key we do not have), its issuer, audience (our client id, checked
by us: see `id_token_checks`), authorized party, expiry and issue time. What is ours: which account
a person signs in to, and with which role and entity.

- The person is their provider's issuer and subject (`sub`), kept as an `ExternalIdentity`; a local
  account is never taken over because it happens to have the same user name.
- Role and entity come from two claims (`CHANCERY_OIDC_ROLE_CLAIM`, `CHANCERY_OIDC_ENTITY_CLAIM`)
  mapped through configuration (`CHANCERY_OIDC_ROLES`, `CHANCERY_OIDC_ENTITIES`). A role claim may
  carry several values (roles of other applications among them): those not in the table are
  ignored, and exactly one Chancery role must remain. No role, an unknown role, more than one role,
  no entity, an unknown or inactive entity, or a deactivated account: refused, with an audit entry
  on the identity, never a default role.
- At every sign-in the account takes the role, entity and names the claims give: a role changed at the
  provider applies from the next sign-in (audited as a change of the account).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core.models import AuditAction, Entity, ExternalIdentity, User
from chancery.core.models.organisation import ROLES

log = logging.getLogger(__name__)

# The ID token of the sign-in, kept in the session for the logout at the provider (id_token_hint).
SESSION_ID_TOKEN = "chancery_sso_id_token"  # noqa: S105 - a session key, not a secret
SESSION_NEXT = "chancery_sso_next"
# The account fields a sign-in sets from the claims (and audits when they change).
ACCOUNT_FIELDS = ("role", "entity", "first_name", "last_name", "email")


def enabled() -> bool:
    return bool(settings.CHANCERY_OIDC_DISCOVERY_URL)


def provider_name() -> str:
    return settings.CHANCERY_OIDC_PROVIDER_NAME


_clients: dict[tuple, object] = {}


def client():
    """The relying party (Authlib), one per configuration: it keeps the provider's metadata and keys."""
    key = (
        settings.CHANCERY_OIDC_DISCOVERY_URL,
        settings.CHANCERY_OIDC_CLIENT_ID,
        settings.CHANCERY_OIDC_CLIENT_SECRET,
        settings.CHANCERY_OIDC_SCOPES,
    )
    if key not in _clients:
        _clients[key] = OAuth().register(
            name="chancery",
            server_metadata_url=settings.CHANCERY_OIDC_DISCOVERY_URL,
            client_id=settings.CHANCERY_OIDC_CLIENT_ID,
            client_secret=settings.CHANCERY_OIDC_CLIENT_SECRET,
            client_kwargs={"scope": settings.CHANCERY_OIDC_SCOPES, "code_challenge_method": "S256"},
        )
    return _clients[key]


def id_token_checks() -> dict:
    """The ID token's issuer is the provider's and its audience contains our client id (OpenID
    Connect Core 3.1.3.7). Stated here: Authlib checks the issuer by default but the audience only
    through `azp`, so a token for another client that names us as authorized party would pass."""
    return {
        "iss": {"essential": True, "values": [client().load_server_metadata()["issuer"]]},
        "aud": {"essential": True, "values": [settings.CHANCERY_OIDC_CLIENT_ID]},
    }


@dataclass
class Refusal:
    """Why a person who proved who they are may still not come in (shown to them, and audited)."""

    message: str


def _values(claim) -> list[str]:
    if claim is None or claim == "":
        return []
    if isinstance(claim, (list, tuple)):
        return [str(value) for value in claim if value not in (None, "")]
    return [str(claim)]


def map_claims(claims: dict) -> tuple[str, Entity] | Refusal:
    """The Chancery role and entity the claims give, or why not."""
    role_values = _values(claims.get(settings.CHANCERY_OIDC_ROLE_CLAIM))
    if not role_values:
        return Refusal(_("The identity provider did not say which role you have in Chancery."))
    roles = {settings.CHANCERY_OIDC_ROLES[value] for value in role_values if value in settings.CHANCERY_OIDC_ROLES}
    if not roles:
        return Refusal(
            _("Your role at the identity provider (%(role)s) gives no access to Chancery.")
            % {"role": ", ".join(role_values)}
        )
    if len(roles) > 1:
        return Refusal(
            _("Your roles at the identity provider (%(role)s) give more than one role in Chancery; ask for one.")
            % {"role": ", ".join(role_values)}
        )
    (role,) = roles
    if role not in ROLES:
        log.error("CHANCERY_OIDC_ROLES maps to %r, which is no Chancery role", role)
        return Refusal(_("Your role at the identity provider (%(role)s) gives no access to Chancery.") % {"role": role})
    entity_values = _values(claims.get(settings.CHANCERY_OIDC_ENTITY_CLAIM))
    if len(entity_values) != 1:
        return Refusal(_("The identity provider did not say which one entity you work for."))
    (value,) = entity_values
    code = settings.CHANCERY_OIDC_ENTITIES.get(value) if settings.CHANCERY_OIDC_ENTITIES else value
    entity = Entity.objects.filter(code=code, active=True).first() if code else None
    if entity is None:
        return Refusal(
            _("Your entity at the identity provider (%(entity)s) is not known to Chancery.") % {"entity": value}
        )
    return role, entity


def _new_username(claims: dict, issuer: str, subject: str) -> str:
    """The provider's user name when no account has it; else one made from the identity (never an
    existing account's: that would hand a local account to whoever the provider calls so)."""
    wanted = str(claims.get(settings.CHANCERY_OIDC_USERNAME_CLAIM) or "").strip()[:150]
    if wanted and not User.objects.filter(username__iexact=wanted).exists():
        return wanted
    return "sso-" + hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()[:16]


def sign_in(claims: dict) -> User | Refusal:
    """The account of the person the (already verified) ID token claims describe, created or brought
    up to date; or the refusal, recorded in the audit trail."""
    issuer, subject = str(claims["iss"]), str(claims["sub"])
    kept = {
        key: claims.get(key)
        for key in (settings.CHANCERY_OIDC_ROLE_CLAIM, settings.CHANCERY_OIDC_ENTITY_CLAIM, "preferred_username")
        if key in claims
    }
    with transaction.atomic():
        identity, _created = ExternalIdentity.objects.select_for_update().get_or_create(
            issuer=issuer, subject=subject, defaults={"claims": kept}
        )
        identity.claims, identity.last_seen = kept, timezone.now()
        identity.save(update_fields=["claims", "last_seen"])
        user = identity.user
        mapped = map_claims(claims)
        if isinstance(mapped, Refusal) or (user is not None and not user.is_active):
            refusal = mapped if isinstance(mapped, Refusal) else Refusal(_("Your Chancery account has been closed."))
            audit.record(user, AuditAction.REFUSAL, identity, after=kept, reason=refusal.message, source="web")
            return refusal
        role, entity = mapped
        values = {
            "role": role,
            "entity": entity,
            "first_name": str(claims.get("given_name") or "")[:150],
            "last_name": str(claims.get("family_name") or "")[:150],
            "email": str(claims.get("email") or "")[:254],
        }
        if user is None:
            user = User(username=_new_username(claims, issuer, subject), **values)
            user.set_unusable_password()
            user.save()
            identity.user = user
            identity.save(update_fields=["user"])
            audit.record(
                user,
                AuditAction.CREATE,
                user,
                after=audit.snapshot(user, ACCOUNT_FIELDS),
                reason=_("First sign-in through the identity provider."),
            )
            return user
        before = audit.snapshot(user, ACCOUNT_FIELDS)
        for field, value in values.items():
            setattr(user, field, value)
        after = audit.snapshot(user, ACCOUNT_FIELDS)
        if after != before:
            user.save()
            audit.record(
                user,
                AuditAction.UPDATE,
                user,
                before=before,
                after=after,
                reason=_("Changed at the identity provider, taken over at sign-in."),
            )
        return user
