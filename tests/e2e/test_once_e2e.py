"""A double press on a create form makes one thing (issue 14), in a real browser."""

import pytest

from chancery.core.testing import PASSWORD
from chancery.decisions.models import Meeting

from .conftest import log_in, navigate

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_double_click_on_save_makes_one_meeting(page, org):
    log_in(page, "t-secretariaat", PASSWORD)
    navigate(page, "Besluitvorming", "Zittingen")
    page.get_by_role("link", name="Nieuwe zitting").click()
    page.get_by_label("Datum en uur").fill("2026-12-04T10:00")
    save = page.get_by_role("button", name="Bewaren")
    save.dblclick()
    page.get_by_role("heading", name="Agenda A (Ontwerp)").wait_for()
    assert Meeting.objects.count() == 1
    assert page.console_errors == []
