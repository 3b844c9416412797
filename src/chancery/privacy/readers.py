"""Who reads the privacy module's requests (core.visibility): those who handle them."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.authz import may
from chancery.privacy.models import SubjectRequest


def requests(user) -> visibility.Rule:
    return visibility.EVERYTHING if may(user, "privacy.handle_requests") else visibility.NOTHING


def register() -> None:
    visibility.register(SubjectRequest, requests)
