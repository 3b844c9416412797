"""`chancery procedures [--json]`: the declared procedures with their states and transitions."""

import json

from chancery.core.management.base import ChanceryCommand
from chancery.procedures import registry


class Command(ChanceryCommand):
    help = "List the declared procedures with their states, transitions and clocks (as text, or JSON with --json)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print JSON instead of text.")

    def handle(self, *args, **options):
        described = [procedure.describe() for procedure in registry.all_procedures()]
        if options["json"]:
            self.stdout.write(json.dumps({"procedures": described}, ensure_ascii=False, indent=2))
            return
        for p in described:
            self.stdout.write(f"{p['code']}  {p['name']}")
            if p["description"]:
                self.stdout.write(f"  {p['description']}")
            self.stdout.write("  States:")
            for s in p["states"]:
                flags = (
                    ("initial", s["code"] == p["initial"]),
                    ("final", s["final"]),
                    ("decided", s["decided"]),
                    ("waiting for applicant", s["waiting_for_applicant"]),
                )
                marks = [mark for mark, on in flags if on]
                suffix = f" [{', '.join(marks)}]" if marks else ""
                self.stdout.write(f"    {s['code']:<28} {s['label']}{suffix}")
            self.stdout.write("  Transitions:")
            for t in p["transitions"]:
                extra = []
                if t["guards"]:
                    extra.append("guards: " + ", ".join(t["guards"]))
                if t["on_enter"]:
                    extra.append("on enter: " + ", ".join(t["on_enter"]))
                if t["reason_required"]:
                    extra.append("reason required")
                tail = f"  ({'; '.join(extra)})" if extra else ""
                self.stdout.write(f"    {t['name']:<28} {t['from']} -> {t['to']}  roles: {', '.join(t['roles'])}{tail}")
            if p["clocks"]:
                self.stdout.write("  Clocks:")
                for c in p["clocks"]:
                    kind = "working days" if c["working_days"] else "calendar days"
                    terms = ", ".join(
                        f"{t['days']} {kind}"
                        + (f" ({t['variant']})" if t["variant"] else "")
                        + f" from {t['valid_from']}, source: {t['source']}"
                        for t in c["terms"]
                    )
                    self.stdout.write(f"    {c['code']}: {terms}")
                    self.stdout.write(
                        f"      runs in: {', '.join(c['runs_in'])}; suspended in: {', '.join(c['suspended_in'])}"
                    )
            self.stdout.write("")
