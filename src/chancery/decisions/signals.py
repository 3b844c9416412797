"""Events of decision-making other modules react to (the portal rebuilds its dumps, the webhook
outbox records them). Sent inside the transaction of the change: a receiver that writes commits or
rolls back with it; one that does outside work defers it with transaction.on_commit."""

from django.dispatch import Signal

# `release`: a decisions.Release that has just been performed.
release_performed = Signal()
# `decision`: the new version of a corrected decision.
decision_corrected = Signal()
# `publication`: a decisions.Publication whose planned or actual publication date was set.
publication_date_set = Signal()
