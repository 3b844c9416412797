"""Loading the demo data, once: each item is created under a stable key (DemoSeed) and never
again, so a rerun adds only what is missing and leaves what users changed exactly as it is."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction

from chancery.core import samples, services
from chancery.core.demo import data
from chancery.core.models import DemoSeed, Entity, Mandatee, Person, User

M = TypeVar("M", bound=models.Model)


def seed(key: str, create: Callable[[], M], created: list) -> M | None:
    """The object the demo made under `key` (None if a user removed it), creating it the first time."""
    existing = DemoSeed.objects.filter(key=key).select_related("content_type").first()
    if existing:
        return existing.content_type.model_class()._default_manager.filter(pk=existing.object_id).first()
    obj = create()
    DemoSeed.objects.create(key=key, content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
    created.append(obj)
    return obj


class Wording:
    """A loader's own count wording (`ngettext_lazy("%(count)d …", "%(count)d …", "count")`) as a key of
    its summary: lazy plural strings compare equal to one another (their text is only known with a
    count), so three of them as keys of one dict collapsed into one, the last count under the first
    wording (the licensing demo said "17 files of the demo applicant": its licence records)."""

    def __init__(self, text):
        self.text = text

    def __mod__(self, params):
        return self.text % params


def tally(created: list[models.Model]) -> dict[type[models.Model], int]:
    """What a loader added, per model: `chancery demo` names each in the operator's language, in the
    singular or the plural as the count asks."""
    counts: dict[type[models.Model], int] = {}
    for obj in created:
        counts[type(obj)] = counts.get(type(obj), 0) + 1
    return counts


def _entities(created) -> dict[str, Entity]:
    entities: dict[str, Entity] = {}

    def add(code, **fields):
        entities[code] = seed(f"entity:{code}", lambda: Entity.objects.create(code=code, **fields), created)

    for code, kind, name, name_en, parent, country, city in data.ENTITIES:
        add(code, kind=kind, name=name, name_en=name_en, parent=entities.get(parent), country=country, city=city)
    for code, name, name_en, country, city in data.POSTS:
        add(code, kind="post", name=name, name_en=name_en, parent=entities["dkbuza"], country=country, city=city)
    for first, last, *_rest, cabinet in data.GOVERNMENT:
        add(cabinet, kind="cabinet", name=f"Kabinet {first} {last}", name_en=f"Cabinet of {first} {last}")
    return entities


def _government(entities, created) -> dict[str, Person]:
    persons = {}
    for precedence, (first, last, title, title_en, portfolio, portfolio_en, cabinet) in enumerate(data.GOVERNMENT, 1):
        person = seed(
            f"person:{first} {last}",
            lambda f=first, la=last: Person.objects.create(first_name=f, last_name=la),
            created,
        )
        persons[f"{first} {last}"] = person
        if person is None:
            continue
        seed(
            f"mandatee:{first} {last}:{data.TERM_START}",
            lambda p=person, t=title, te=title_en, po=portfolio, pe=portfolio_en, n=precedence, c=cabinet: (
                Mandatee.objects.create(
                    person=p, title=t, title_en=te, portfolio=po, portfolio_en=pe, precedence=n,
                    start=data.TERM_START, cabinet=entities.get(c),
                )
            ),
            created,
        )  # fmt: skip
    return persons


def _users(entities, persons, created) -> dict[str, User]:
    users = {}
    for username, role, entity, first, last, person in data.USERS:

        def create(username=username, role=role, entity=entity, first=first, last=last, person=person):
            linked = persons.get(" ".join(person)) if person else None
            if User.objects.filter(username=username).exists():
                return User.objects.get(username=username)  # made by hand before the demo ran
            user = User(
                username=username,
                role=role,
                entity=entities.get(entity) if entity else None,
                first_name=first or (linked.first_name if linked else ""),
                last_name=last or (linked.last_name if linked else ""),
                person=linked,
                email=f"{username}@chancery.invalid",
            )
            user.set_password(data.DEMO_PASSWORD)
            user.save()
            return user

        users[username] = seed(f"user:{username}", create, created)
    return users


def _documents(users, created) -> None:
    for title, kind, level, state, cabinets, uploader, text in data.DOCUMENTS:

        def create(title=title, kind=kind, level=level, state=state, cabinets=cabinets, uploader=uploader, text=text):
            filename = title.lower().replace(" ", "-").replace(":", "")[:60] + ".pdf"
            document = services.create_document(
                users[uploader],
                title=title,
                kind=kind,
                access_level=level,
                upload=SimpleUploadedFile(
                    filename, samples.make_pdf(text, title=title), content_type="application/pdf"
                ),
                concerned_mandatees=Mandatee.objects.filter(cabinet__code__in=cabinets),
                source="command",
            )
            if state in ("confirmed", "released"):
                services.set_release_state(users["secretariaat"], document, "confirmed", source="command")
            if state == "released":
                services.set_release_state(users["secretariaat"], document, "released", source="command")
            return document

        seed(f"document:{title}", create, created)


def _issued_by(path, authority) -> bool:
    if not path.exists():
        return False
    try:
        x509.load_pem_x509_certificate(path.read_bytes()).verify_directly_issued_by(authority.certificate)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _signing(users) -> None:
    """A demo certificate authority under var/signing/ (trusted outside production, see settings),
    its revocation list and a local time-stamp authority (so demo signatures are PAdES B-LT
    without any network), the department's seal, and signing certificates for the Minister-President
    and the secretariat."""
    from django.conf import settings

    from chancery.core import pki, signing
    from chancery.core.models import SigningCredential

    folder = settings.VAR_DIR / "signing"
    folder.mkdir(parents=True, exist_ok=True)
    certificate, key = folder / "demo-ca.pem", folder / "demo-ca.key"
    if certificate.exists() and key.exists():
        authority = pki.Authority.from_pem(certificate.read_text(), key.read_text())
    else:
        authority = pki.create_authority("Chancery demo CA")
        key.write_text(authority.key_pem)
        key.chmod(0o600)
        certificate.write_text(authority.certificate_pem)
    if str(certificate) not in settings.CHANCERY_SIGNING_TRUST_ROOTS:
        # Settings were read before this authority existed; trust it for the rest of this run too.
        settings.CHANCERY_SIGNING_TRUST_ROOTS = [*settings.CHANCERY_SIGNING_TRUST_ROOTS, str(certificate)]
    # Its revocation list (fresh at every run: valid for a week), a local time-stamp authority and
    # the department's seal, which signs the licences and refusal letters it issues. A file issued
    # by an earlier authority (the CA was made again) is issued anew.
    revocation_list, tsa, seal = folder / "demo-ca.crl", folder / "demo-tsa.pem", folder / "demo-seal.pem"
    revocation_list.write_text(authority.revocation_list())
    for path, make in (
        (tsa, lambda: authority.issue_time_stamping("Chancery demo TSA")),
        (seal, lambda: "".join(authority.issue_seal("Departement Kanselarij en Buitenlandse Zaken"))),
    ):
        if not _issued_by(path, authority):
            path.write_text(make())
            path.chmod(0o600)
    # For the rest of this run (settings read these files at start-up in development only, so the
    # tests, which run the demo too, keep their own signing configuration).
    if settings.ENV == "development":
        if str(revocation_list) not in settings.CHANCERY_SIGNING_CRLS:
            settings.CHANCERY_SIGNING_CRLS = [*settings.CHANCERY_SIGNING_CRLS, str(revocation_list)]
        settings.CHANCERY_SIGNING_LOCAL_TSA = settings.CHANCERY_SIGNING_LOCAL_TSA or str(tsa)
        settings.CHANCERY_SIGNING_SEAL = settings.CHANCERY_SIGNING_SEAL or str(seal)
    for username in ("minister", "secretariaat"):
        user = users.get(username)
        if user is not None and not SigningCredential.objects.filter(user=user).exists():
            signing.register_credential(user, *authority.issue(user.display_name, data.DEMO_PASSWORD))


@transaction.atomic
def load_demo() -> dict:
    created: list[models.Model] = []
    entities = _entities(created)
    persons = _government(entities, created)
    users = _users(entities, persons, created)
    _documents(users, created)
    _signing(users)
    return tally(created)
