"""Demo data of the foreign network: the thirteen posts with the countries they serve (sources in
data.py), demo staffing with two posts below the minimum, the 2022 cost of the network, offices of
the related networks and one location assessment. Idempotent: what exists is left as it is."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from chancery.core.demo.loader import seed, tally
from chancery.core.models import Entity, User
from chancery.foreign_network import services
from chancery.foreign_network.demo.data import (
    ASSESSMENT,
    COSTS_2022,
    LOCATIONS,
    POSTS,
    RELATED_OFFICES,
    WITHOUT_DEPUTY,
)
from chancery.foreign_network.models import Post, Posting, RelatedOffice, StaffRole

FIRST_NAMES = [
    "An",
    "Bert",
    "Chloë",
    "Dirk",
    "Els",
    "Frank",
    "Griet",
    "Hans",
    "Inge",
    "Joris",
    "Katrien",
    "Lode",
    "Mieke",
]


@transaction.atomic
def load_demo() -> dict[type, int]:
    secretariat = User.objects.filter(username="secretariaat").first()
    if secretariat is None:
        return {}
    created: list = []
    posts = {}
    for i, (code, city, country, countries, organisations, source) in enumerate(POSTS):
        existing = Post.objects.filter(code=code).first()
        posts[code] = existing or seed(
            f"post:{code}",
            lambda code=code, city=city, country=country, countries=countries, organisations=organisations,
            source=source: services.register_post(
                secretariat, entity=Entity.objects.filter(code=f"post-{code}").first(), code=code, city=city,
                country=country, countries=countries,
                organisations=organisations, notes=f"Bron: {source}",
            ),
            created,
        )  # fmt: skip
        if existing is None and posts[code] is not None:
            name = FIRST_NAMES[i % len(FIRST_NAMES)]
            start = datetime.date(2021 + i % 3, 9, 1)
            staff = [(StaffRole.REPRESENTATIVE, f"{name} Demo (vertegenwoordiger)"),
                     (StaffRole.LOCAL_EMPLOYEE, f"Lokale medewerker {city} (demo)")]  # fmt: skip
            if code not in WITHOUT_DEPUTY:
                staff.append((StaffRole.DEPUTY, f"Adjunct {city} (demo)"))
            for role, person in staff:
                created.append(services.assign(secretariat, person=person, role=role, post=posts[code], start=start))
            services.set_cost(secretariat, posts[code], 2022, staff_cents=COSTS_2022[code] * 7 // 10,
                              operating_cents=COSTS_2022[code] - COSTS_2022[code] * 7 // 10)  # fmt: skip
        post = posts[code]
        if post is not None and post.latitude is None and code in LOCATIONS:
            # Also for a post loaded before posts had a location: the map needs it.
            latitude, longitude = LOCATIONS[code]
            services.locate_post(secretariat, post, latitude=Decimal(latitude), longitude=Decimal(longitude))
    if not Posting.objects.filter(post__isnull=True).exists():
        # A return post at headquarters (memorandum §5.1: "terugkeerposten").
        created.append(services.assign(secretariat, person="Terugkeerder Demo", role=StaffRole.OTHER, post=None,
                                       start=datetime.date(2024, 9, 1)))  # fmt: skip
    for network, city, country, post in RELATED_OFFICES:
        if not RelatedOffice.objects.filter(network=network, city=city).exists():
            created.append(
                services.register_office(secretariat, network=network, city=city, country=country, post=posts.get(post))
            )
    seed("assessment:afrika", lambda: _assessment(secretariat), created)
    return tally(created)


def _assessment(actor):
    assessment = services.create_assessment(actor, title=ASSESSMENT["title"], question=ASSESSMENT["question"])
    criteria = {}
    for key, name, group, weight, function, q, p, description in ASSESSMENT["criteria"]:
        criteria[key] = services.add_criterion(
            actor, assessment, key=key, name=name, group=group, weight=Decimal(weight), function=function,
            q=None if q is None else Decimal(q), p=None if p is None else Decimal(p), description=description,
        )  # fmt: skip
    for city, country in ASSESSMENT["candidates"]:
        candidate = services.add_candidate(actor, assessment, city=city, country=country)
        for key, value in ASSESSMENT["scores"][city].items():
            services.set_score(actor, candidate, criteria[key], value=Decimal(value),
                               evidence="Demo-inschatting; te onderbouwen met cijfers van de monitoring.")  # fmt: skip
    return assessment
