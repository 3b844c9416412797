"""What the engine tells other apps. `case_transitioned` is sent inside the transaction of every
fired step, after the case, its history row and its audit entry are written: a receiver that
raises refuses the step and nothing of it is kept (the licensing app issues a licence this way).

Arguments: `case` (the locked, updated case), `step` (the CaseTransition row written), `actor`."""

from django.dispatch import Signal

case_transitioned = Signal()
