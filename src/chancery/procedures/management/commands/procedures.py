"""`chancery procedures [--json]`: the declared procedures with their states and transitions."""

import json

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
            self.stdout.write("  " + _("States:"))
            for s in p["states"]:
                flags = (
                    (_("initial"), s["code"] == p["initial"]),
                    (_("final"), s["final"]),
                    (_("decided"), s["decided"]),
                    (_("waiting for applicant"), s["waiting_for_applicant"]),
                )
                marks = [mark for mark, on in flags if on]
                suffix = f" [{', '.join(marks)}]" if marks else ""
                self.stdout.write(f"    {s['code']:<28} {s['label']}{suffix}")
            self.stdout.write("  " + _("Transitions:"))
            for t in p["transitions"]:
                extra = []
                if t["guards"]:
                    extra.append(_("guards: %(guards)s") % {"guards": ", ".join(t["guards"])})
                if t["on_enter"]:
                    extra.append(_("on enter: %(actions)s") % {"actions": ", ".join(t["on_enter"])})
                if t["reason_required"]:
                    extra.append(_("reason required"))
                tail = f"  ({'; '.join(extra)})" if extra else ""
                roles = _("roles: %(roles)s") % {"roles": ", ".join(t["roles"])}
                self.stdout.write(f"    {t['name']:<28} {t['from']} -> {t['to']}  {roles}{tail}")
            if p["clocks"]:
                self.stdout.write("  " + _("Clocks:"))
                for c in p["clocks"]:
                    terms = ", ".join(
                        (
                            ngettext("%(days)d working day", "%(days)d working days", t["days"])
                            if c["working_days"]
                            else ngettext("%(days)d calendar day", "%(days)d calendar days", t["days"])
                        )
                        % {"days": t["days"]}
                        + (f" ({t['variant']})" if t["variant"] else "")
                        + " "
                        + _("from %(date)s, source: %(source)s") % {"date": t["valid_from"], "source": t["source"]}
                        for t in c["terms"]
                    )
                    self.stdout.write(f"    {c['code']}: {terms}")
                    self.stdout.write(
                        "      "
                        + _("runs in: %(running)s; suspended in: %(suspended)s")
                        % {"running": ", ".join(c["runs_in"]), "suspended": ", ".join(c["suspended_in"])}
                    )
            self.stdout.write("")
