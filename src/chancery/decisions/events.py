"""The domain events decision-making emits (core.events), for integrators' webhooks."""

from django.utils.translation import gettext_lazy as _

from chancery.core.events import declare

MEETING_RELEASED = declare("meeting.released", _("Decisions of a meeting released"))
DOCUMENTS_RELEASED = declare("documents.released", _("Documents of a meeting released"))
AGENDA_APPROVED = declare("agenda.approved", _("Agenda approved"))
DECISION_RECORDED = declare("decision.recorded", _("Decision recorded"))
DECISION_CORRECTED = declare("decision.corrected", _("Decision corrected"))
MEETING_CLOSED = declare("meeting.closed", _("Meeting closed"))
PUBLICATION_DATE_SET = declare("publication.date_set", _("Publication date set"))
