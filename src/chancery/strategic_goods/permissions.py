"""What strategic goods let whom do (core.authz): the reference data and screening pages are for
the administration; deciding on a screening hit and recording an assessment are for the handlers
(secretariat, administrators, civil servants), not ministers' offices or outsiders."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare
from chancery.core.permissions import STAFF, in_administration, only

declare("strategic_goods.use", in_administration, _("Strategic goods are for the administration."))
declare(
    "strategic_goods.review_hits", only(STAFF), _("Only a handler of the administration may review screening hits.")
)
