"""Events of the core other modules react to, sent inside the transaction of the change."""

from django.dispatch import Signal

# `version`: a core.DocumentVersion just stored.
document_version_added = Signal()

# A domain event (core.events.emit): `type` (a declared code), `subject` (the model instance it is
# about), `data` (API links and plain values).
domain_event = Signal()
