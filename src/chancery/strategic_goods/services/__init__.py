"""Use cases of strategic goods, for the licence procedure and the commands:

- `validate_code(text)` → the normalised control-list code, or a ControlCodeError (malformed / US
  ECCN / unknown) with a message in the user's language;
- `screen(name, country)` → matches against the loaded sanctions list and the arms embargoes;
- `screen_parties(subject, parties)` records the hits of a subject's parties for review;
- `review_hit(hit, reviewer, decision, motivation)` and `unreviewed_hits(subject)`, the guard the
  procedure asks before a file may proceed (`require_reviewed(subject)` raises a ValidationError
  with the count).
"""

from chancery.strategic_goods.sanctions_xml import SanctionsFileError
from chancery.strategic_goods.services.control_list import ControlCodeError, validate_code
from chancery.strategic_goods.services.matching import Match, screen
from chancery.strategic_goods.services.review import require_reviewed, review_hit, screen_parties, unreviewed_hits
from chancery.strategic_goods.services.sanctions import load_sanctions

__all__ = [
    "ControlCodeError",
    "Match",
    "SanctionsFileError",
    "load_sanctions",
    "require_reviewed",
    "review_hit",
    "screen",
    "screen_parties",
    "unreviewed_hits",
    "validate_code",
]
