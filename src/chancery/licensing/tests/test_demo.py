"""The licensing demo's words (what it loads: tests/demo/test_loaded.py)."""

from chancery.procedures.models import Case


def test_the_demo_summary_counts_in_dutch_singular_or_plural():
    from django.utils import translation

    from chancery.core.management.commands.demo import counted
    from chancery.licensing.demo.loader import WORDS

    with translation.override("nl"):
        assert counted(WORDS["cases"], 1) == "1 zaak van de demo-aanvrager"
        assert counted(WORDS["archive queued"], 200) == "200 zaken in het archief (aangemaakt door de worker)"
        assert counted(WORDS["licence records"], 17).startswith("17 vergunningsgegevens (gebruiksmeldingen")
        assert counted(Case, 1) == "1 zaak" and counted(Case, 3) == "3 zaken"
    # Distinct keys of one summary (lazy plural strings compare equal: three counts came out as one).
    assert len({WORDS[what]: what for what in WORDS}) == len(WORDS) == 3
