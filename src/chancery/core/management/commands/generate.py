"""chancery generate --scale N: a government's archive at scale, for the benchmarks (bench/generate.py)."""

import importlib.util
import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from chancery.core.management.base import ChanceryCommand


def load_generator():
    path = Path(settings.BASE_DIR) / "bench" / "generate.py"
    if not path.exists():
        raise CommandError(
            _("%(path)s is missing: the generator lives in the repository's bench/ folder.") % {"path": path}
        )
    spec = importlib.util.spec_from_file_location("chancery_bench_generate", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


class Command(ChanceryCommand):
    help = "Generate a realistic archive (1.0 = 20 years of a government) into the configured database."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=0.01)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale, seed, **options):
        if settings.PRODUCTION:
            raise CommandError(_("Generated data is refused under production settings."))
        if not 0 < scale <= 2:
            raise CommandError(_("Give a scale between 0 (excluded) and 2."))

        def progress(done, total, report):
            self.stderr.write(
                _("%(done)d/%(total)d meetings, %(rows)d rows") % {"done": done, "total": total, "rows": report.rows}
            )

        report = load_generator().generate(scale, seed=seed, progress=progress)
        self.stdout.write(json.dumps(report.as_dict()))
