"""chancery load-control-list: (re)load the control-list codes (EU dual-use Annex I and the EU
Common Military List, an extract) from the app's data file, replacing the stored ones atomically."""

from django.utils.translation import gettext as _

from chancery.core.management.base import ChanceryCommand
from chancery.strategic_goods.services.control_list import control_list_data, load_control_list


class Command(ChanceryCommand):
    help = "Load the control-list codes from strategic_goods/data/control_list.json (replaces them)."

    def handle(self, *args, **options):
        count = load_control_list()
        versions = "; ".join(source["version"] for source in control_list_data()["sources"].values())
        self.stdout.write(_("%(count)d codes (%(versions)s)") % {"count": count, "versions": versions})
