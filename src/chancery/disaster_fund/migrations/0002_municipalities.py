"""The Flemish municipalities shipped as data (data/municipalities.json), loaded once; a later change
of the file is a new migration calling the same loader."""

from django.db import migrations


def load(apps, schema_editor):
    from chancery.disaster_fund.services.municipalities import load as load_municipalities

    load_municipalities(apps.get_model("disaster_fund", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("disaster_fund", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
