"""Who reads the archive's records (core.visibility): the archivists and the secretariat. A
destruction list names records by type, identifier and dates only, never their content."""

from __future__ import annotations

from chancery.archive.models import DestructionItem, DestructionList, LegalHold
from chancery.core import visibility
from chancery.core.authz import may


def archive_staff(user) -> visibility.Rule:
    return visibility.only_if(may(user, "archive.view"))


def register() -> None:
    for model in (DestructionList, DestructionItem, LegalHold):
        visibility.register(model, archive_staff)
