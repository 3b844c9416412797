"""Statistics per programme, call, country and year (issue 15, capability 10): one service feeds
the service's page, the public page and its CSV; protected beneficiaries count only in aggregates
(never under their country); in public the small-cell rule withholds cells of 1 or 2 applications
and a total that would give such a cell away; charts beside the numbers."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from chancery.core.models import Role
from chancery.core.testing import make_user
from chancery.grants.models import Application, Envelope
from chancery.grants.services import statistics
from chancery.grants.testing import PERSON_AT_RISK, apply, fire, open_call, to_assessed

SECRET_NAME = PERSON_AT_RISK["name"]


@pytest.fixture
def filed(applicant, grants, call, reviewers):
    """On one call: two granted (UA, and a protected person at risk in BY), one rejected (UA), one
    still under assessment (MD)."""
    granted = apply(applicant, call)
    to_assessed(grants, granted, reviewers[:1])
    fire(granted, "award", grants, "Toegekend.")
    defender = make_user("t-verdediger", Role.APPLICANT)
    protected = apply(defender, call, party=PERSON_AT_RISK, protected=True, country="BY",
                      purpose="Veilige huisvesting van Nadia Karimova in Minsk.")  # fmt: skip
    to_assessed(grants, protected, reviewers[1:])
    fire(protected, "award", grants, "Toegekend.")
    rejected = apply(applicant, call, title="Afgewezen project")
    to_assessed(grants, rejected, reviewers[:1], marks=(4, 4, 4))
    fire(rejected, "reject", grants, "Onvoldoende.")
    pending = apply(applicant, call, title="Nog in beoordeling", country="MD")
    fire(pending, "declare_admissible", grants)
    # The first decision fell 10 days after its submission.
    Application.objects.filter(case=granted).update(submitted_at=timezone.now() - datetime.timedelta(days=10))
    return {"granted": granted, "protected": protected, "rejected": rejected, "pending": pending}


def test_figures_per_programme(filed, fund, call):
    rows, total = statistics.rows("programma")
    (row,) = [r for r in rows if r.key == fund.code]
    assert (row.applications, row.decided, row.granted) == (4, 3, 2)
    assert row.success_rate == Decimal("0.667")
    requested = sum(Application.objects.values_list("requested_cents", flat=True))
    assert row.requested_cents == requested == total.requested_cents
    assert row.granted_cents == sum(a.awarded_cents for a in Application.objects.exclude(awarded_cents=None))
    # Nothing paid yet: the tranches say so, as the envelope does.
    assert row.paid_cents == 0 == sum(Envelope.objects.filter(programme=fund).values_list("paid_cents", flat=True))
    assert sorted(row.lead_days) == [0, 0, 10]
    assert row.median_lead_days == 0


def test_per_call_and_year_and_the_filters(filed, fund, call):
    rows, _total = statistics.rows("oproep")
    assert [(r.key, r.applications, r.paid_cents) for r in rows] == [(call.slug, 4, 0)]
    rows, _total = statistics.rows("jaar")
    assert [(r.key, r.applications) for r in rows if r.applications] == [(str(call.year), 4)]
    assert statistics.rows("programma", year=call.year - 5)[1].applications == 0
    assert statistics.rows("programma", programme="humanitaire-hulp")[1].applications == 0
    with pytest.raises(ValueError):
        statistics.rows("begunstigde")


def test_paid_is_read_from_the_paid_tranches_per_call_and_country(applicant, grants, fund, call, reviewers,
                                                                   filed):  # fmt: skip
    """Paid per call and per country: the paid tranches of each grant, less a recovery repaid; per
    programme and year it adds up to the envelopes' paid figure."""
    from chancery.grants.services import reports
    from chancery.grants.testing import report, to_granted, to_report_due

    # The granted UA grant of `filed` (45 000.00): advance paid (36 000.00), balance after a full report.
    paid_out = to_report_due(grants, filed["granted"])
    report(applicant, paid_out)
    reports.assess_final(grants, paid_out, accepted_cents=45_000_00, note="")
    fire(paid_out, "pay_balance", grants)
    # The protected grant: its advance paid (36 000.00), counted under the protected beneficiaries.
    for step in ("sign_agreement", "pay_advance"):
        fire(filed["protected"], step, grants)
    # A second call, in MD: a grant whose advance was paid, then 6 000.00 recovered and repaid.
    other = open_call(grants, fund, title="Tweede oproep")
    recovered = to_report_due(grants, to_granted(grants, applicant, other, reviewers, country="MD"))
    report(applicant, recovered, spent=("20000.00", "10000.00"))
    reports.assess_final(grants, recovered, accepted_cents=30_000_00, note="Een derde niet bewezen.")
    fire(recovered, "record_repayment", grants)
    # A grant whose advance is only ordered: nothing paid.
    fire(to_granted(grants, applicant, other, reviewers, country="MD"), "sign_agreement", grants)

    per_call = {r.key: r.paid_cents for r in statistics.rows("oproep")[0]}
    assert per_call == {call.slug: 45_000_00 + 36_000_00, other.slug: 30_000_00}
    per_country = {r.key: r.paid_cents for r in statistics.rows("land")[0]}
    assert per_country == {"UA": 45_000_00, "MD": 30_000_00, statistics.PROTECTED_KEY: 36_000_00}
    envelopes_paid = sum(Envelope.objects.filter(programme=fund).values_list("paid_cents", flat=True))
    (programme_row,), total = statistics.rows("programma")[0], statistics.rows("programma")[1]
    assert programme_row.paid_cents == total.paid_cents == envelopes_paid == 111_000_00
    assert statistics.rows("jaar")[1].paid_cents == envelopes_paid
    # In public a small cell withholds its paid figure with the rest; a large one shows it.
    public = {r.key: r for r in statistics.table("land", public=True).rows}
    assert public[statistics.PROTECTED_KEY].paid_cents is None
    assert public["MD"].paid_cents == 30_000_00  # three applications in MD
    internal = {r.key: r for r in statistics.table("oproep").rows}
    assert internal[other.slug].paid_cents == 30_000_00


def test_a_protected_beneficiary_counts_only_in_aggregates(filed):
    rows, total = statistics.rows("land")
    by_key = {r.key: r for r in rows}
    # BY is the protected person's country: it never appears; the application counts apart.
    assert set(by_key) == {"UA", "MD", statistics.PROTECTED_KEY}
    assert by_key[statistics.PROTECTED_KEY].applications == 1
    assert by_key["UA"].applications == 2
    assert rows[-1].key == statistics.PROTECTED_KEY
    assert total.applications == 4


def test_the_small_cell_rule_in_public(filed):
    public = statistics.table("land", public=True)
    shown = {r.key: r for r in public.rows}
    # One or two applications: "< 3", every other figure withheld.
    assert shown["UA"].applications == "< 3" and shown["UA"].granted_cents is None
    assert shown["MD"].withheld and shown[statistics.PROTECTED_KEY].withheld
    assert shown[statistics.PROTECTED_KEY].median_lead_days is None
    # Three cells withheld: the total (4) gives none of them away.
    assert public.total.applications == 4
    internal = statistics.table("land")
    assert {r.key: r.applications for r in internal.rows} == {"UA": 2, "MD": 1, statistics.PROTECTED_KEY: 1}


def test_a_total_that_would_give_a_single_small_cell_away_is_withheld(applicant, grants, call, filed):
    for n in range(2):
        apply(applicant, call, title=f"Nog een {n}", country="MD")
    # UA 2, MD 3, protected 1: two small cells, the total stays.
    assert statistics.table("land", public=True).total.applications == 6
    apply(applicant, call, title="Derde", country="UA")
    # UA 3, MD 3, protected 1: the total less the others would tell the protected cell.
    public = statistics.table("land", public=True)
    assert [r.key for r in public.rows if r.withheld] == [statistics.PROTECTED_KEY]
    assert public.total.applications == "—" and public.total.granted_cents is None


def test_the_service_page_with_charts(client, grants, filed, call):
    client.force_login(grants)
    page = client.get(reverse("grants:statistics") + "?per=land")
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body and 'id="statistics"' in body
    assert "beschermde begunstigden" in body
    assert SECRET_NAME not in body and "Wit-Rusland" not in body and "Belarus" not in body


def test_the_service_page_is_for_the_service(client, applicant):
    assert client.get(reverse("grants:statistics")).status_code == 302
    client.force_login(applicant)
    assert client.get(reverse("grants:statistics")).status_code in (403, 404)


def test_the_public_page_and_csv(client, filed, call):
    page = client.get(reverse("grants_public:statistics") + "?per=land")
    assert page.status_code == 200
    body = page.content.decode()
    assert "&lt; 3" in body and SECRET_NAME not in body and "Wit-Rusland" not in body
    csv_response = client.get(reverse("grants_public:statistics_csv") + "?per=programma")
    assert csv_response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode())))
    fund_row = next(r for r in rows if r["sleutel"] == call.programme.code)
    assert fund_row["aanvragen"] == "4" and fund_row["slaagkans"] == "0.667"
    assert fund_row["uitbetaald_eur"] == "0.00"
    by_country = client.get(reverse("grants_public:statistics_csv") + "?per=land").content.decode()
    assert ",BY," not in by_country and SECRET_NAME not in by_country
    # A choice that is not one falls back to the default; nothing breaks.
    assert client.get(reverse("grants_public:statistics") + "?per=x&jaar=abc&programma=zz").status_code == 200


def test_the_feed_lists_the_open_calls(client, grants, fund, call):
    from chancery.grants.testing import open_call

    open_call(grants, fund, title="Nog een ontwerp", publish=False)
    now = timezone.now()
    open_call(grants, fund, title="Al gesloten", opens_at=now - datetime.timedelta(days=30),
              closes_at=now - datetime.timedelta(days=1))  # fmt: skip
    response = client.get(reverse("grants_public:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    atom = "{http://www.w3.org/2005/Atom}"
    feed = etree.fromstring(response.content)
    titles = [entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")]
    assert titles == [call.title]
    entry = next(feed.iter(f"{atom}entry"))
    assert entry.find(f"{atom}link").get("href").endswith(call.get_absolute_url())
    assert feed.findtext(f"{atom}id").endswith(reverse("grants_public:feed"))
    assert "€ 100.000,00" in entry.findtext(f"{atom}summary")
    assert 'href="/oproepen/feed"' in client.get(reverse("grants_public:calls")).content.decode()
