"""A round of the foreign network's data for tests and query-count baselines: posts with staff and
costs, and a location assessment with every score given. Each round adds new rows."""

from __future__ import annotations

import datetime
from decimal import Decimal

from chancery.foreign_network import services
from chancery.foreign_network.models import StaffRole


def network_round(org, round_: int = 0) -> dict:
    actor = org.users["secretariat"]
    posts = []
    for n, (country, covered) in enumerate([("PL", ["PL", "EE"]), ("DK", ["DK", "SE"])]):
        post = services.register_post(
            actor, code=f"post-{round_}-{n}", city=f"Stad {round_}-{n}", country=country, countries=covered,
            organisations=["OESO"],
        )  # fmt: skip
        for role in (StaffRole.REPRESENTATIVE, StaffRole.LOCAL_EMPLOYEE, *([StaffRole.DEPUTY] if n == 0 else [])):
            services.assign(actor, person=f"{role} {round_}-{n}", role=role, post=post, start=datetime.date(2024, 1, 1))
        services.register_office(actor, network="fit", city=f"FIT {round_}-{n}", country=country, post=post)
        services.set_cost(actor, post, 2022 + round_, staff_cents=100_000 * (n + 1), operating_cents=50_000)
        posts.append(post)
    assessment = services.create_assessment(actor, title=f"Afweging {round_}")
    criteria = [
        services.add_criterion(
            actor, assessment, key=f"k{k}", name=f"Criterium {k}", group=group, weight=Decimal(k + 1)
        )
        for k, group in enumerate(["political", "economic", "thematic"])
    ]
    # Rabat scores 5, 6, 7 and Dakar 7, 6, 5: with the weights 1, 2, 3 Rabat is first, with the first
    # criterion alone Dakar.
    for i, city in enumerate((f"Rabat {round_}", f"Dakar {round_}")):
        candidate = services.add_candidate(actor, assessment, city=city, country="MA")
        for k, criterion in enumerate(criteria):
            value = Decimal(5 + k if i == 0 else 7 - k)
            services.set_score(actor, candidate, criterion, value=value, evidence="bron")
    return {"posts": posts, "assessment": assessment}
