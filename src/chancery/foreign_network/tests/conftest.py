import datetime
from decimal import Decimal

import pytest

from chancery.foreign_network import services
from chancery.foreign_network.models import StaffRole


@pytest.fixture
def network(org):
    """Two posts: Warschau fully staffed, Kopenhagen without a deputy (and a deputy whose posting ended)."""
    secretariat = org.users["secretariat"]
    warschau = services.register_post(
        secretariat, code="warschau", city="Warschau", country="PL", countries=["PL", "EE", "LV", "LT"]
    )
    kopenhagen = services.register_post(
        secretariat, code="kopenhagen", city="Kopenhagen", country="DK", countries=["DK", "SE", "NO", "FI"],
        organisations=["Noordse Raad"],
    )  # fmt: skip
    start = datetime.date(2024, 9, 1)
    for role, person in [
        (StaffRole.REPRESENTATIVE, "Anna Vertegenwoordiger"),
        (StaffRole.DEPUTY, "Bart Adjunct"),
        (StaffRole.LOCAL_EMPLOYEE, "Celina Lokaal"),
    ]:
        services.assign(secretariat, person=person, role=role, post=warschau, start=start)
    services.assign(secretariat, person="Dirk Vertegenwoordiger", role=StaffRole.REPRESENTATIVE, post=kopenhagen,
                    start=start)  # fmt: skip
    services.assign(secretariat, person="Eva Lokaal", role=StaffRole.LOCAL_EMPLOYEE, post=kopenhagen, start=start)
    services.assign(secretariat, person="Frans Vroeger", role=StaffRole.DEPUTY, post=kopenhagen,
                    start=datetime.date(2020, 9, 1), end=datetime.date(2024, 8, 31))  # fmt: skip
    return warschau, kopenhagen


@pytest.fixture
def assessment(org):
    """Three candidate locations on three criteria, every score given (the MOROCCO case of test_mcda)."""
    actor = org.users["civil_servant"]
    assessment = services.create_assessment(actor, title="Nieuwe post in Afrika")
    criteria = {
        key: services.add_criterion(actor, assessment, key=key, name=name, group=group, weight=Decimal(weight))
        for key, name, group, weight in [
            ("political", "Politieke betekenis", "political", 2),
            ("economic", "Economische betekenis", "economic", 1),
            ("cultural", "Culturele betekenis", "cultural", 1),
        ]
    }
    for city, country, values in [
        ("Rabat", "MA", {"political": 8, "economic": 6, "cultural": 5}),
        ("Casablanca", "MA", {"political": 5, "economic": 9, "cultural": 6}),
        ("Dakar", "SN", {"political": 6, "economic": 4, "cultural": 7}),
    ]:
        candidate = services.add_candidate(actor, assessment, city=city, country=country)
        for key, value in values.items():
            services.set_score(actor, candidate, criteria[key], value=Decimal(value), evidence=f"Bron voor {city}")
    return assessment
