"""Loading the demo data. Idempotent: what exists is left exactly as it is, what is missing is added."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from chancery.core import samples, services
from chancery.core.demo import data
from chancery.core.models import Document, Entity, Mandatee, Person, User


def _entities() -> dict[str, Entity]:
    entities = {e.code: e for e in Entity.objects.all()}
    for code, kind, name, name_en, parent, country, city in data.ENTITIES:
        if code not in entities:
            entities[code] = Entity.objects.create(
                code=code, kind=kind, name=name, name_en=name_en, parent=entities.get(parent), country=country, city=city
            )
    for code, name, name_en, country, city in data.POSTS:
        if code not in entities:
            entities[code] = Entity.objects.create(
                code=code, kind="post", name=name, name_en=name_en, parent=entities["dkbuza"], country=country, city=city
            )
    for first, last, *_rest, cabinet in data.GOVERNMENT:
        if cabinet not in entities:
            entities[cabinet] = Entity.objects.create(
                code=cabinet, kind="cabinet", name=f"Kabinet {first} {last}", name_en=f"Cabinet of {first} {last}"
            )
    return entities


def _government(entities) -> None:
    for precedence, (first, last, title, title_en, portfolio, portfolio_en, cabinet) in enumerate(data.GOVERNMENT, 1):
        person, _ = Person.objects.get_or_create(first_name=first, last_name=last)
        if not Mandatee.objects.filter(person=person, start=data.TERM_START).exists():
            Mandatee.objects.create(
                person=person,
                title=title,
                title_en=title_en,
                portfolio=portfolio,
                portfolio_en=portfolio_en,
                precedence=precedence,
                start=data.TERM_START,
                cabinet=entities[cabinet],
            )


def _users(entities) -> dict[str, User]:
    users = {}
    for username, role, entity, first, last, person in data.USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            linked = Person.objects.get(first_name=person[0], last_name=person[1]) if person else None
            user = User(
                username=username,
                role=role,
                entity=entities.get(entity) if entity else None,
                first_name=first or (linked.first_name if linked else ""),
                last_name=last or (linked.last_name if linked else ""),
                person=linked,
                email=f"{username}@chancery.invalid",
                is_superuser=role == "admin",
            )
            user.set_password(data.DEMO_PASSWORD)
            user.save()
        users[username] = user
    return users


def _documents(entities, users) -> int:
    created = 0
    for title, kind, level, state, cabinets, uploader, text in data.DOCUMENTS:
        if Document.objects.filter(title=title).exists():
            continue
        filename = title.lower().replace(" ", "-").replace(":", "")[:60] + ".pdf"
        upload = SimpleUploadedFile(filename, samples.make_pdf(text, title=title), content_type="application/pdf")
        document = services.create_document(
            users[uploader],
            title=title,
            kind=kind,
            access_level=level,
            upload=upload,
            concerned_mandatees=Mandatee.objects.filter(cabinet__code__in=cabinets),
            source="command",
        )
        if state in ("confirmed", "released"):
            services.set_release_state(users["secretariaat"], document, "confirmed", source="command")
        if state == "released":
            services.set_release_state(users["secretariaat"], document, "released", source="command")
        created += 1
    return created


@transaction.atomic
def load_demo(stdout: io.TextIOBase | None = None) -> dict[str, int]:
    counts_before = {"entities": Entity.objects.count(), "users": User.objects.count()}
    entities = _entities()
    _government(entities)
    users = _users(entities)
    documents = _documents(entities, users)
    return {
        "entities": Entity.objects.count() - counts_before["entities"],
        "users": User.objects.count() - counts_before["users"],
        "documents": documents,
    }
