"""Who reads the API's own models (the access registry, core.visibility): a token and its webhook
subscriptions with their delivery log are their owner's; events reach subscribers only through
deliveries, each checked against the subject's own rule when it is sent."""

from __future__ import annotations

from chancery.api.models import ApiToken, Delivery, Event, WebhookSubscription
from chancery.core import visibility
from chancery.core.visibility import Condition, follows


def own_tokens(user) -> visibility.Rule:
    if user is None or not user.is_authenticated:
        return visibility.NOTHING
    return ((Condition("user", (user.pk,)),),)


def register() -> None:
    visibility.register(ApiToken, own_tokens)
    visibility.register(WebhookSubscription, follows("owner"))
    visibility.register(Delivery, follows("subscription"))
    visibility.exempt(Event, "sent through deliveries, each checked with the subscriber's eyes (api.webhooks)")
