"""How long the files of procedure VM are kept (core.retention_registry, through
procedures.retention.case_series). Prior authorisations of military goods; a file with an issued
licence or refusal letter is protected by it (licensing's records) and not destroyed with the file.

The figure is te verifiëren: the Archiefdecreet of 9 July 2010 allows destruction only as an
approved selection list (selectielijst) says, and this project has not read the list that applies
to these files; `verified=False` until someone enters the period from it, with its source. A changed
period is a new entry with its own `valid_from`: a file keeps the period of the day it closed.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.retention import unverified_years
from chancery.core.retention_registry import register
from chancery.procedures.retention import case_series

SERIES = register(case_series("VM", _("Files: prior authorisations"), (unverified_years(10),)))
