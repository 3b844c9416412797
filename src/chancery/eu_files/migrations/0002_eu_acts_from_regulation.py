"""The EU acts move from `regulation` to this app (issue 19 and issue 18 C5: one model of an EU
act). The rows are copied with their keys, so `regulation.Transposition.eu_act` keeps pointing at
the same act when regulation's migration 0002 repoints the foreign key; the content type keeps
its row and changes app, so the audit trail (append-only) and the demo's seeds still find their
acts. Reversible: the copy back is regulation 0002's."""

from django.core.management.color import no_style
from django.db import migrations

# The CELEX regulation's copy gives an act without one when migrated backwards (its CELEX is
# required there); regulation 0002 uses the same prefix.
STAND_IN = "ONBEKEND-"


def reset_sequence(schema_editor, model) -> None:
    """After rows were inserted with explicit keys, PostgreSQL's sequence must move past them."""
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [model]):
        schema_editor.execute(sql)


def copy_acts(apps, schema_editor):
    Old = apps.get_model("regulation", "EuAct")
    New = apps.get_model("eu_files", "EuAct")
    existing = {act.pk: act for act in New.objects.all()}
    for old in Old.objects.order_by("pk"):
        act = existing.get(old.pk)
        if act is None:
            New.objects.create(
                pk=old.pk, celex=old.celex, kind=old.kind, title=old.title,
                transposition_deadline=old.transposition_deadline,
            )  # fmt: skip
            continue
        # Migrated back and forth: this app's row is the richer one (a proposal or an initiative
        # was copied back under a stand-in CELEX or kind); take over what regulation may change.
        act.title, act.transposition_deadline = old.title, old.transposition_deadline
        if act.kind in ("directive", "regulation", "decision") and not old.celex.startswith(STAND_IN):
            act.celex, act.kind = old.celex, old.kind
        act.save()
    reset_sequence(schema_editor, New)
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label="regulation", model="euact").first()
    new = ContentType.objects.filter(app_label="eu_files", model="euact").first()
    if old and new:
        # Both exist (the new one made by an earlier run of migrate): the demo's seeds move; the
        # audit trail cannot be changed and keeps the old type, whose model is gone.
        apps.get_model("core", "DemoSeed").objects.filter(content_type=old).update(content_type=new)
    elif old:
        old.app_label = "eu_files"
        old.save(update_fields=["app_label"])


def rename_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="regulation", model="euact").exists():
        ContentType.objects.filter(app_label="eu_files", model="euact").update(app_label="regulation")


class Migration(migrations.Migration):
    dependencies = [
        ("eu_files", "0001_initial"),
        ("regulation", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_acts, rename_content_type_back)]
