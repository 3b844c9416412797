"""How long the files of the grant programmes are kept (core.retention_registry, through
procedures.retention.case_series): grant applications (SUB) and nominations for the human rights
prize (MRP), humanitarian emergency allocations (SUBH). Grants are payments from the budget, kept at
least as long as the accounts that show them; a nomination of someone not awarded is kept for a
shorter time.

The figures are te verifiëren: the Archiefdecreet of 9 July 2010 allows destruction only as an
approved selection list (selectielijst) says, and this project has not read the list that applies
to these files; `verified=False` until someone enters the periods from it, with their source.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.retention import unverified_years
from chancery.core.retention_registry import register
from chancery.grants import fast_track
from chancery.grants.prize.procedure import PRIZE_CODE
from chancery.grants.procedure import CODE
from chancery.procedures.retention import case_series

APPLICATIONS = register(case_series(CODE, _("Files: grant applications"), (unverified_years(10),)))
EMERGENCY_ALLOCATIONS = register(
    case_series(fast_track.CODE, _("Files: humanitarian emergency allocations"), (unverified_years(10),))
)
NOMINATIONS = register(case_series(PRIZE_CODE, _("Files: human rights prize nominations"), (unverified_years(5),)))
