from django.db import migrations


def load(apps, schema_editor):
    """The Government's policy fields become the themes (see decisions/policy_fields.py)."""
    from chancery.decisions import policy_fields

    policy_fields.load(apps.get_model("decisions", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("decisions", "0008_themes")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
