"""Scores per criterion, as a grant's reviewers and the prize's jury give them: one check for both."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def checked_scores(criteria, scores: dict[int, tuple[object, str]]) -> list[tuple[object, int, str]]:
    """(criterion, score, motivation) for every criterion, from {criterion pk: (score, motivation)};
    refused whole, with every reason, when a criterion is missing, not a whole number, out of range
    (0 to its maximum) or not motivated."""
    errors, rows = [], []
    for criterion in criteria:
        value, motivation = scores.get(criterion.pk, (None, ""))
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            errors.append(_("%(criterion)s: give a whole score.") % {"criterion": criterion.name})
            continue
        if not 0 <= number <= criterion.max_score:
            errors.append(_("%(criterion)s: the score is between 0 and %(max)s.") % {
                "criterion": criterion.name, "max": criterion.max_score})  # fmt: skip
            continue
        if not str(motivation or "").strip():
            errors.append(_("%(criterion)s: motivate the score.") % {"criterion": criterion.name})
            continue
        rows.append((criterion, number, str(motivation).strip()))
    if errors:
        raise ValidationError(errors)
    return rows
