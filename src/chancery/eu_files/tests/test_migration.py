"""The move of `EuAct` from `regulation` to `eu_files` keeps what a database holds: the acts with
their keys, the transpositions pointing at them, the demo's seeds and the audit trail finding
them through their content type; PostgreSQL's sequence moves past the copied keys; and the
migrations run backwards (the rows copied back) and forwards again."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from chancery.core.models import DemoSeed
from chancery.eu_files.models import EuAct
from chancery.regulation.models import Transposition

BEFORE = [("regulation", "0001_initial"), ("eu_files", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_the_acts_move_with_their_rows_and_back():
    old_apps = migrate(BEFORE)
    OldAct = old_apps.get_model("regulation", "EuAct")
    OldRegulation = old_apps.get_model("regulation", "Regulation")
    OldTransposition = old_apps.get_model("regulation", "Transposition")
    OldAct.objects.create(celex="31992L0043", kind="directive", title="Habitatrichtlijn")
    act = OldAct.objects.create(
        celex="32018L2001",
        kind="directive",
        title="Hernieuwbare energie",
        transposition_deadline=datetime.date(2021, 6, 30),
    )
    regulation = OldRegulation.objects.create(kind="decree", title="Energiedecreet", date=datetime.date(2009, 5, 8))
    OldTransposition.objects.create(regulation=regulation, eu_act=act)
    # A database made before the move: the content type is regulation's, the demo seeded under it.
    ContentType.objects.filter(app_label="eu_files", model="euact").delete()
    old_type, _ = ContentType.objects.get_or_create(app_label="regulation", model="euact")
    DemoSeed.objects.create(key="eu-act:32018L2001", content_type=old_type, object_id=str(act.pk))

    migrate(latest())
    moved = EuAct.objects.get(pk=act.pk)
    assert (moved.celex, moved.kind, moved.title) == ("32018L2001", "directive", "Hernieuwbare energie")
    assert moved.transposition_deadline == datetime.date(2021, 6, 30)
    assert EuAct.objects.count() == 2
    assert Transposition.objects.get().eu_act == moved
    seed = DemoSeed.objects.get(key="eu-act:32018L2001")
    assert seed.content_type.model_class() is EuAct and seed.content_type.pk == old_type.pk
    # The sequence moved past the copied keys (PostgreSQL would hand out 1 again).
    new = EuAct.objects.create(celex="52022PC0304", kind="proposal", com_number="COM(2022) 304", title="Natuurherstel")
    assert new.pk > act.pk

    old_apps = migrate(BEFORE)
    OldAct = old_apps.get_model("regulation", "EuAct")
    assert set(OldAct.objects.values_list("celex", flat=True)) == {"31992L0043", "32018L2001", "52022PC0304"}
    assert old_apps.get_model("regulation", "Transposition").objects.get().eu_act.celex == "32018L2001"
    assert ContentType.objects.get(pk=old_type.pk).app_label == "regulation"

    migrate(latest())
    ContentType.objects.clear_cache()
    assert EuAct.objects.count() == 3 and Transposition.objects.get().eu_act.celex == "32018L2001"
    # The proposal went back under a stand-in kind; this app's row kept its own.
    assert EuAct.objects.get(pk=new.pk).kind == "proposal"
