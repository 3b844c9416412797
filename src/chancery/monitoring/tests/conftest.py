import datetime
from decimal import Decimal

import pytest

from chancery.monitoring.models import Indicator, Target
from chancery.monitoring.services.structure import create_initiative


@pytest.fixture
def tree(org):
    """A core ambition with a programme with a project, led by the department, all public."""
    secretariat, dept = org.users["secretariat"], org.entities["dept"]
    ambition = create_initiative(
        secretariat, level="ambition", code="ka1", title="Een sterk Vlaanderen in de wereld",
        summary="Vlaanderen werkt samen met zijn buren.", lead_entity=dept, public=True, priority="§4",
    )  # fmt: skip
    programme = create_initiative(
        secretariat, level="programme", parent=ambition, code="ka1-oostgrens", title="Oostgrensprogramma",
        summary="Partnerschappen in de Oostgrens-regio.", lead_entity=dept, public=True, priority="§4.2",
    )  # fmt: skip
    project = create_initiative(
        secretariat, level="project", parent=programme, code="ka1-oostgrens-oproep", title="Oproep 2026",
        summary="Een oproep voor projecten.", lead_entity=dept, public=True, priority="§4.2",
    )  # fmt: skip
    return ambition, programme, project


@pytest.fixture
def indicator(tree):
    item = Indicator.objects.create(
        code="partnerschappen",
        name="Partnerschappen in de Oostgrens-regio",
        unit="aantal",
        baseline_value=Decimal(10),
        baseline_date=datetime.date(2024, 1, 1),
        source="Departement Kanselarij en Buitenlandse Zaken",
        public=True,
    )
    Target.objects.create(indicator=item, value=Decimal(30), date=datetime.date(2028, 1, 1))
    item.initiatives.add(tree[2])
    return item
