"""Events of decision-making other modules react to (the portal rebuilds its dumps, later the
webhooks tell subscribers), sent once the change has committed."""

from django.dispatch import Signal

# Sent with `release` (a decisions.Release) after a release has committed.
release_performed = Signal()
