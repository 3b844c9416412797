"""Progress reports: made in the background, HTML and PDF, kept as a versioned document; a new
run is the next version; bad periods and outsiders are refused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from chancery.core.models import AuditEntry
from chancery.monitoring.models import Milestone, ProgressReport
from chancery.monitoring.services import reports


def test_a_report_is_made_and_made_again_as_a_new_version(tree, org, indicator, django_capture_on_commit_callbacks):
    from chancery.monitoring.services import observations

    observations.record(indicator, "2025", 14)
    year = timezone.localdate().year
    Milestone.objects.create(initiative=tree[2], title="Oproep gepubliceerd", due=datetime.date(year, 2, 1))
    secretariat = org.users["secretariat"]
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.request_report(secretariat, tree[0], str(year))
    report.refresh_from_db()
    assert report.state == "ready", report.error
    assert "Oproep gepubliceerd" in report.html and "Partnerschappen in de Oostgrens-regio" in report.html
    version = report.document.versions.get()
    assert version.file.open("rb").read(5) == b"%PDF-" and report.document.kind == "report"
    with django_capture_on_commit_callbacks(execute=True):
        reports.request_report(secretariat, tree[0], str(year))
    report.refresh_from_db()
    assert report.document.versions.count() == 2 and ProgressReport.objects.count() == 1


def test_refusals(tree, org):
    with pytest.raises(PermissionDenied):
        reports.request_report(org.users["expert"], None, "2025")
    for period in ("2025-Q5", "volgend jaar", str(timezone.localdate().year + 1)):
        with pytest.raises(ValidationError):
            reports.request_report(org.users["secretariat"], None, period)
    with pytest.raises(ValidationError):
        reports.request_report(org.users["secretariat"], tree[1], "2025")  # a programme, not an ambition
    assert not ProgressReport.objects.exists()


def test_quarter_bounds():
    assert reports.bounds("2026-Q4") == (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
    assert reports.bounds("2026-q1") == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert reports.bounds("2026") == (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def test_report_pages(client, tree, org, django_capture_on_commit_callbacks):
    client.force_login(org.users["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring:reports"), {"period": "2025"})
    report = ProgressReport.objects.get()
    assert response.status_code == 302 and report.initiative is None
    listing = client.get(reverse("monitoring:reports")).content.decode()
    assert "Alle kernambities 2025" in listing and "Klaar" in listing
    client.force_login(org.users["expert"])  # readers of the dashboard read its reports
    assert client.get(reverse("monitoring:report_pdf", args=[report.pk])).status_code == 200
    html = client.get(reverse("monitoring:report_html", args=[report.pk]))
    assert (
        "Een sterk Vlaanderen in de wereld" in html.content.decode()
        and "script-src 'self'" in html["Content-Security-Policy"]
    )
    assert AuditEntry.objects.filter(action="download", actor=org.users["expert"]).exists()
    assert client.post(reverse("monitoring:reports"), {"period": "2025"}).status_code == 403
    client.force_login(org.users["applicant"])
    assert client.get(reverse("monitoring:report", args=[report.pk])).status_code == 403


def test_the_demo_holds_a_report_the_expert_reads_and_says_who_makes_them(
    db, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    """An expert of the board tried the demo: no report, and no way to make one nor word of who can.
    The demo queues the report; the worker makes it (here at the commit, as the tests' backend runs
    tasks)."""
    from chancery.core.demo.loader import load_demo as load_core
    from chancery.core.models import User
    from chancery.monitoring.demo.loader import load_demo

    settings.VAR_DIR = tmp_path  # the demo's certificate authority goes there
    load_core()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        load_demo()
    report = ProgressReport.objects.get()
    assert report.state == "queued" and report.document is None  # not made by the demo itself
    for callback in queued:
        callback()
    report.refresh_from_db()
    assert report.state == "ready", report.error
    load_demo()  # a second run adds nothing
    assert ProgressReport.objects.count() == 1
    client.force_login(User.objects.get(username="expert"))
    listing = client.get(reverse("monitoring:reports")).content.decode()
    assert report.get_absolute_url() in listing
    assert "Het secretariaat, de beheerders en de ambtenaren maken voortgangsrapporten" in listing
    assert client.get(reverse("monitoring:report_pdf", args=[report.pk])).status_code == 200


def test_the_report_pdf_keeps_its_chart_colours_and_labels_the_budget_bar(
    tree, org, indicator, tmp_path, django_capture_on_commit_callbacks
):
    """WeasyPrint ignores the class-based fills of SVG: the budget bar printed as an unlabelled black
    block and the indicator line lost its colour. Render the PDF to pixels and look."""
    import io
    import shutil
    import subprocess
    from decimal import Decimal

    from PIL import Image
    from pypdf import PdfReader

    from chancery.monitoring.services import budgets, observations

    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (Debian's poppler-utils) renders the PDF; `make test` installs it")
    year = timezone.localdate().year
    for period, value in (("2023", 11), ("2024", 13), ("2025", 14)):
        observations.record(indicator, period, value)
    budgets.set_budget(org.users["secretariat"], tree[2], year, planned=Decimal(100_000), committed=Decimal(60_000),
                       spent=Decimal(45_000), expected_revision=None)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.request_report(org.users["secretariat"], tree[0], str(year))
    report.refresh_from_db()
    assert report.state == "ready", report.error
    data = report.document.latest_version.file.open("rb").read()
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    assert "45 %" in text or "45%" in text  # the bar says what it shows
    (tmp_path / "r.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(tmp_path / "r.pdf"), str(tmp_path / "p")], check=True)  # noqa: S603, S607
    colours = set()
    for page in sorted(tmp_path.glob("p*.png")):
        colours |= {rgb for _count, rgb in Image.open(page).convert("RGB").getcolors(1 << 20)}

    def near(target, tolerance=24):
        return any(all(abs(a - b) <= tolerance for a, b in zip(rgb, target, strict=True)) for rgb in colours)

    assert near((0x00, 0x55, 0xCC)), "the chart's blue (line, dots, budget spent) is missing"
    assert near((0xF4, 0xF5, 0xF7), 4), "the budget bar's light track is missing"
