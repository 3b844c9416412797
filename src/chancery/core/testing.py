"""Helpers for tests of every Chancery app: an organisation with one user per role, uploads."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from chancery.core import samples
from chancery.core.models import Entity, Mandatee, Person, Role, User
from chancery.core.pki import create_authority

PASSWORD = "a-test-password-1234"  # noqa: S105 - the test accounts' password


@dataclass
class Organisation:
    """Two ministers with their cabinets, the secretariat, an administration and outsiders."""

    entities: dict[str, Entity]
    mandatees: dict[str, Mandatee]
    users: dict[str, User]


def make_user(username: str, role: str, entity: Entity | None = None, person: Person | None = None) -> User:
    user = User(username=username, role=role, entity=entity, person=person, first_name=username.title())
    user.set_password(PASSWORD)
    user.save()
    return user


def make_organisation() -> Organisation:
    start = datetime.date(2024, 9, 30)
    dept = Entity.objects.create(code="t-dept", kind="department", name="Testdepartement", name_en="Test department")
    secretariat = Entity.objects.create(code="t-sec", kind="department", name="Secretarie", parent=dept)
    cab_a = Entity.objects.create(code="t-cab-a", kind="cabinet", name="Kabinet A")
    cab_b = Entity.objects.create(code="t-cab-b", kind="cabinet", name="Kabinet B")
    person_a = Person.objects.create(first_name="Anna", last_name="Aerts")
    person_b = Person.objects.create(first_name="Bram", last_name="Bosmans")
    minister_a = Mandatee.objects.create(
        person=person_a,
        title="Minister-president",
        portfolio="Buitenlandse Zaken",
        precedence=1,
        start=start,
        cabinet=cab_a,
    )
    minister_b = Mandatee.objects.create(
        person=person_b, title="Vlaams minister", portfolio="Onderwijs", precedence=2, start=start, cabinet=cab_b
    )
    users = {
        "admin": make_user("t-admin", Role.ADMIN, dept),
        "secretariat": make_user("t-secretariaat", Role.SECRETARIAT, secretariat),
        "minister_concerned": make_user("t-minister-a", Role.MINISTER, cab_a, person_a),
        "cabinet_concerned": make_user("t-kabinet-a", Role.CABINET, cab_a),
        "minister_other": make_user("t-minister-b", Role.MINISTER, cab_b, person_b),
        "cabinet_other": make_user("t-kabinet-b", Role.CABINET, cab_b),
        "civil_servant": make_user("t-ambtenaar", Role.CIVIL_SERVANT, dept),
        "expert": make_user("t-expert", Role.EXPERT),
        "applicant": make_user("t-aanvrager", Role.APPLICANT),
    }
    return Organisation(
        entities={"dept": dept, "secretariat": secretariat, "cab_a": cab_a, "cab_b": cab_b},
        mandatees={"a": minister_a, "b": minister_b},
        users=users,
    )


def pdf_upload(name: str = "nota.pdf", text: str = "Voorstel van beslissing") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, samples.make_pdf(text), content_type="application/pdf")


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def external_data(*parts: str) -> Path:
    """A file of the third-party test material (OSLO shapes, code lists …) kept beside the project in
    `shared/external/` (its README names each file's source). Looked up in CHANCERY_EXTERNAL_DATA
    (which the machine running the tests sets, e.g. `.ci/run`), then next to any folder above this
    checkout. Missing material fails the test that needs it: a check that cannot run must not pass."""
    import os

    candidates = [Path(os.environ["CHANCERY_EXTERNAL_DATA"])] if os.environ.get("CHANCERY_EXTERNAL_DATA") else []
    candidates += [folder / "shared" / "external" for folder in Path(__file__).resolve().parents]
    for base in candidates:
        if (base / Path(*parts)).exists():
            return base / Path(*parts)
    wanted = "/".join(parts)
    raise FileNotFoundError(f"Test material {wanted} not found; set CHANCERY_EXTERNAL_DATA to shared/external.")


def purge_audit_trail(connection) -> None:
    """Empty the append-only tables of a test database on SQLite (the audit trail, and any other
    table guarded by a `*_no_delete` trigger, such as the crisis logbook), before the test runner
    empties the others with DELETE (after a transactional test), which the triggers would refuse:
    each trigger is dropped, the rows deleted and the trigger made again, in one transaction. Tests
    only; on PostgreSQL the runner uses TRUNCATE, which the row triggers do not see."""
    from django.db import transaction

    if connection.vendor != "sqlite":
        return
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_no_delete'"
        )
        triggers = cursor.fetchall()
        for name, _table, _sql in triggers:
            cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        for _name, table, _sql in triggers:
            cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608 - a table name from sqlite_master
        for _name, _table, sql in triggers:
            cursor.execute(sql)


def signing_authority(folder: Path, settings, *, seal: str = ""):
    """The tests' certificate authority, its revocation list and a local time-stamp authority
    (pyHanko's testing TSA, in process), configured as the demo has them, so that signatures are
    PAdES B-LT without any network; with `seal`, that organisation's seal signs issued documents."""
    ca = create_authority("Chancery test CA")
    files = {"ca.pem": ca.certificate_pem, "ca.crl": ca.revocation_list(), "tsa.pem": ca.issue_time_stamping()}
    if seal:
        files["seal.pem"] = "".join(ca.issue_seal(seal))
    for name, text in files.items():
        (folder / name).write_text(text)
    settings.CHANCERY_SIGNING_TRUST_ROOTS = [str(folder / "ca.pem")]
    settings.CHANCERY_SIGNING_CRLS = [str(folder / "ca.crl")]
    settings.CHANCERY_SIGNING_LOCAL_TSA = str(folder / "tsa.pem")
    settings.CHANCERY_SIGNING_TSA_URL = ""
    settings.CHANCERY_SIGNING_FETCH_REVOCATION = False
    settings.CHANCERY_SIGNING_SEAL = str(folder / "seal.pem") if seal else ""
    settings.CHANCERY_SIGNING_SEAL_PASSPHRASE = ""
    return ca


def form_markup_problems(html: str) -> list[str]:
    """What a page's markup does wrong for its forms: an id used twice (a label then points at the
    first element with it, so clicking one form's label toggles another form's field) and a field
    without a label (`label[for]`, a wrapping label, `aria-label` or `aria-labelledby`)."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html)
    problems = []
    seen: dict[str, int] = {}
    for element in tree.iter():
        if isinstance(element.tag, str) and element.get("id"):
            seen[element.get("id")] = seen.get(element.get("id"), 0) + 1
    problems += [f"id {key!r} used {count} times" for key, count in seen.items() if count > 1]
    labelled = {label.get("for") for label in tree.iter("label") if label.get("for")}
    for field in tree.iter("input", "select", "textarea"):
        if field.tag == "input" and field.get("type", "text") in {"hidden", "submit", "button", "reset", "image"}:
            continue
        wrapped = any(parent.tag == "label" for parent in field.iterancestors())
        if not (field.get("id") in labelled or wrapped or field.get("aria-label") or field.get("aria-labelledby")):
            problems.append(f"{field.tag} name={field.get('name')!r} has no label")
    return problems


def inspection_depths(monkeypatch) -> tuple[int, list[int]]:
    """Record how deep in transactions each upload inspection runs (`core.files._inspect`): the depth
    of the test's own transaction, and the list the inspections append theirs to. An inspection
    inside the request's transaction would hold the database's write lock while it unpacks."""
    from django.db import connection

    from chancery.core import files

    depths: list[int] = []
    inspect = files._inspect

    def recording(upload):
        depths.append(len(connection.atomic_blocks))
        return inspect(upload)

    monkeypatch.setattr(files, "_inspect", recording)
    return len(connection.atomic_blocks), depths
