"""What the feedback panel processes of persons (the register of processing,
core.personal_data): who sent a signal (name, e-mail, organisation, unless anonymous) and what
they wrote. The published text is masked before it is published (services.personal_data); on a
request for erasure the contact details are pseudonymised and the text as sent is masked the
same way, so the signal still counts in the figures."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.personal_data import EMAIL, NAME, Activity, Holding, declare
from chancery.regulation.services.personal_data import mask


def masked(text: str) -> str:
    return mask(text).text


FEEDBACK = declare(
    Activity(
        code="regulation.feedback",
        app="regulation",
        name=_("Feedback panel on regulation"),
        purpose=_(
            "Receiving signals of citizens and companies about regulatory burden, answering and publishing them."
        ),
        legal_basis=_(
            "GDPR art. 6(1)(e): a task in the public interest (regulatory quality); the contact details are given "
            "of one's own accord (art. 6(1)(a))."
        ),
        subjects=(_("authors of feedback signals"),),
        categories=(_("name"), _("e-mail address"), _("organisation"), _("the text as sent")),
        recipients=(_("the moderators of the panel"), _("the public: only the masked text, without name")),
        retention=_("As long as the signal is part of the panel's figures; contact details may be erased on request."),
        security=_(
            "Personal data in the text are masked before publication; the text as sent stays with the moderators."
        ),
        holdings=(
            Holding(
                model="regulation.FeedbackSignal",
                subject=_("author of a feedback signal"),
                fields=(
                    "reporter_kind",
                    "anonymous",
                    "name",
                    "email",
                    "organisation",
                    "text",
                    "public_text",
                    "state",
                    "submitted_at",
                ),
                match={EMAIL: "email", NAME: "name"},
                pseudonymise=("name", "email", "organisation"),
                rewrite={"text": masked},
                labels={"submitted_at": _("submitted")},
                describe=lambda signal: f"#{signal.pk}",
            ),
        ),
    )
)
