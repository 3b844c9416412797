"""Loads the control-list extract from data/control_list.json, so that validation works in every
database from the start. Later versions of the list are loaded with `chancery load-control-list`."""

from django.db import migrations


def load(apps, schema_editor):
    from chancery.strategic_goods.services.control_list import load_control_list

    load_control_list(apps.get_model("strategic_goods", "ControlListEntry"))


def unload(apps, schema_editor):
    apps.get_model("strategic_goods", "ControlListEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("strategic_goods", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
