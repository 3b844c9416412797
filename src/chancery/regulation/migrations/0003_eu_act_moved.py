"""`EuAct` moved to `eu_files` (its migration 0002 copied the rows with their keys): the
transpositions point at the new table, the old one goes. Backwards, the rows are copied back
before the foreign key returns to the old table, so PostgreSQL's constraint holds."""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models


def copy_back(apps, schema_editor):
    Old = apps.get_model("regulation", "EuAct")
    New = apps.get_model("eu_files", "EuAct")
    Old.objects.bulk_create(
        Old(pk=act.pk, celex=act.celex or f"ONBEKEND-{act.pk}", kind=act.kind if act.kind in
            ("directive", "regulation", "decision") else "decision", title=act.title,
            transposition_deadline=act.transposition_deadline)
        for act in New.objects.order_by("pk")
    )  # fmt: skip
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [Old]):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("regulation", "0002_feedback_and_state_of_regulation"),
        ("eu_files", "0002_eu_acts_from_regulation"),
    ]

    operations = [
        migrations.AlterField(
            model_name="transposition",
            name="eu_act",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="eu_files.euact",
                verbose_name="EU act",
            ),
        ),
        migrations.RunPython(migrations.RunPython.noop, copy_back),
        migrations.DeleteModel(name="EuAct"),
    ]
