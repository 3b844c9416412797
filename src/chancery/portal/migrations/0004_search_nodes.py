"""One stale list per search node (portal.models.SearchNode): what was waiting for the one index
before goes on waiting for this machine's node, under its name at the time of the upgrade."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def carry_over(apps, schema_editor):
    state = apps.get_model("portal", "SearchIndexState").objects.first()
    legacy = apps.get_model("portal", "LegacyStaleSearchEntry").objects.all()
    if state is None and not legacy.exists():
        return  # no index was ever built: the node registers when it builds its own
    node = apps.get_model("portal", "SearchNode").objects.create(
        name=settings.CHANCERY_SEARCH_NODE, generation=state.generation if state else 0
    )
    stale = apps.get_model("portal", "StaleSearchEntry")
    rows = legacy.values_list("entry_id", "token")
    stale.objects.bulk_create(
        (stale(node=node, entry_id=entry, token=token) for entry, token in rows.iterator()), batch_size=5000
    )


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_public_index")]

    operations = [
        migrations.CreateModel(
            name="SearchNode",
            fields=[
                ("name", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("generation", models.PositiveBigIntegerField(default=0)),
                ("joined_at", models.DateTimeField(auto_now_add=True)),
                ("synced_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={"verbose_name": "search node", "verbose_name_plural": "search nodes"},
        ),
        migrations.RenameModel("StaleSearchEntry", "LegacyStaleSearchEntry"),
        migrations.CreateModel(
            name="StaleSearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("entry_id", models.BigIntegerField()),
                ("token", models.CharField(max_length=32)),
                (
                    "node",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="stale_entries",
                        to="portal.searchnode",
                    ),
                ),
            ],
            options={
                "verbose_name": "stale search entry",
                "verbose_name_plural": "stale search entries",
                "constraints": [
                    models.UniqueConstraint(fields=("node", "entry_id"), name="portal_stale_once_per_node")
                ],
            },
        ),
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.DeleteModel("LegacyStaleSearchEntry"),
        migrations.DeleteModel("SearchIndexState"),
    ]
