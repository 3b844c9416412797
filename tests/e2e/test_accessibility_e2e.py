"""axe-core over the back-office and public pages of decision-making, with real content on them."""

import datetime

import pytest
from django.utils import timezone

from chancery.core import signing
from chancery.core.pki import create_authority
from chancery.core.testing import PASSWORD, pdf_upload
from chancery.decisions import services
from chancery.decisions.models import DecisionResult, Theme

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content(org, settings, tmp_path, themes):
    secretariat = org.users["secretariat"]
    ca = create_authority()
    (tmp_path / "ca.pem").write_text(ca.certificate_pem)
    settings.CHANCERY_SIGNING_TRUST_ROOTS = [str(tmp_path / "ca.pem")]
    signing.register_credential(org.users["minister_concerned"], *ca.issue("Anna Aerts", PASSWORD))
    signing.register_credential(secretariat, *ca.issue("Secretaris", PASSWORD))

    meeting = services.create_meeting(secretariat, starts_at=timezone.make_aware(datetime.datetime(2026, 11, 27, 10)))
    dossier = services.create_dossier(secretariat, title="Wijziging Rampenfondsdecreet", short_title="Rampenfonds")
    services.set_themes(secretariat, dossier, Theme.objects.filter(slug="rampenschade"))
    step = services.add_step(
        secretariat, dossier, kind="principle_approval", title="Principieel", mandatees=[org.mandatees["a"]]
    )
    item = services.put_step_on_agenda(secretariat, step, meeting)
    services.attach_document(secretariat, item, title="Nota", upload=pdf_upload())
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    item = services.final_items(meeting).get()
    decision = services.record_decision(
        secretariat,
        item,
        result=DecisionResult.APPROVED,
        text="Goedgekeurd.",
        upload=pdf_upload("besluit.pdf", "Besluit"),
    )
    services.set_press_summary(secretariat, item, "De Vlaamse Regering keurt het principe goed.")
    flow = signing.start_flow(secretariat, decision.document, [org.users["minister_concerned"], secretariat])
    signing.sign(org.users["minister_concerned"], flow.requests.get(order=1), PASSWORD)
    publication = services.start_publication(secretariat, item, regulation_type="decree")
    release = services.plan_release(secretariat, meeting, "decisions")
    services.confirm_release(secretariat, release)
    services.release_now(secretariat, release)
    upcoming = services.create_meeting(secretariat, starts_at=timezone.make_aware(datetime.datetime(2026, 12, 4, 10)))
    submission = services.submit(
        org.users["cabinet_concerned"], upcoming, title="Oproep Oostgrens", short_title="Oostgrens",
        mandatees=[org.mandatees["a"]], uploads=[pdf_upload("n.pdf", "n")],
    )  # fmt: skip
    return {
        "meeting": meeting, "dossier": dossier, "decision": decision, "publication": publication,
        "submission": submission, "upcoming": upcoming, "flow": flow,
    }  # fmt: skip


def test_decision_pages_have_no_accessibility_violations(page, org, content):
    public_pages = [
        "/besluiten/",
        f"/besluiten/{content['meeting'].uuid}/",
        f"/besluiten/dossiers/{content['dossier'].uuid}/",
        f"/besluiten/{content['meeting'].uuid}/punten/{content['decision'].item.lineage}/",
        "/open-data/",
        "/besluiten/themas/",
        "/besluiten/themas/rampenschade/",
        "/zoeken?q=goedgekeurd",
    ]
    for path in public_pages:
        page.goto(path)
        assert describe(run_axe(page)) == [], path
    log_in(page, "t-secretariaat", PASSWORD)
    back_office = [
        "/app/zittingen/",
        "/app/zittingen/kalender/?maand=2026-11",
        content["meeting"].get_absolute_url(),
        content["upcoming"].get_absolute_url(),
        f"/app/zittingen/{content['meeting'].uuid}/aanwezigheid/",
        f"/app/zittingen/{content['upcoming'].uuid}/indienen/",
        "/app/zittingen/dossiers/",
        content["dossier"].get_absolute_url(),
        "/app/zittingen/indieningen/",
        content["submission"].get_absolute_url(),
        "/app/zittingen/publicaties/",
        content["publication"].get_absolute_url(),
        content["decision"].document.get_absolute_url(),
        "/handtekeningen/",
        f"/handtekeningen/{content['flow'].requests.get(order=2).pk}/",
    ]
    for path in back_office:
        page.goto(path)
        assert describe(run_axe(page)) == [], path
    assert page.console_errors == []
