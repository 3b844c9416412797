"""Events of the core other modules react to, sent inside the transaction of the change."""

from django.dispatch import Signal

# `version`: a core.DocumentVersion just stored.
document_version_added = Signal()
