"""What core/tests/test_read_replica.py runs in a process of its own, against a private PostgreSQL
primary (DATABASE_URL) and its streaming replica (DATABASE_REPLICA_URL): Chancery as configured for
production reads, with the tests' profile otherwise (tasks run at once, in the task channel).

It migrates the primary, takes a meeting to a decided public item (and a confidential one) not yet
released, and then looks, at each step, through the anonymous public page and the API (which read
the replica), through a sender pinned to the primary by a write, and with the ORM on each database:
before the release; after it while the replica's replay is paused (the replica has not received it
yet); once the replica caught up; and a correction of the decision by the secretariat, who reloads
and sees it while the public does not yet. It prints the observations as JSON; the test judges them.
Run again with `replica-down PAGES` once the test stopped the replica, it reads the same pages.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
import time
from contextlib import ExitStack

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chancery.settings")
django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402 - after django.setup()
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from chancery.core.testing import make_organisation  # noqa: E402
from chancery.decisions import services  # noqa: E402
from chancery.decisions.models import Decision, Meeting  # noqa: E402
from chancery.decisions.testing import decided_meeting  # noqa: E402

DECISION = "Besluit over Oostgrensprogramma"
CORRECTED = "Gecorrigeerd besluit over Oostgrensprogramma"
# What a page or an answer may show: the decision, its correction, the confidential item.
ALIASES = {"primary": "default", "replica": "replica"}
SHOWN = {"decision": DECISION, "corrected": CORRECTED, "confidential": "Geheim punt"}


def replica_caught_up(shows=None) -> None:
    """Wait until the replica has replayed everything the primary wrote so far, and, where `shows` is
    given, until that query answers on the replica. The WAL position alone proved not enough once in
    CI: right after a resumed replay the replica reported the position reached a moment before the
    commit was visible to a new snapshot there, so the row itself is the proof."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_insert_lsn()")
        (written,) = cursor.fetchone()
    deadline = time.monotonic() + 60  # a guard against hanging, not a measure
    while True:
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [written])
            replayed = cursor.fetchone()[0]
        if replayed and (shows is None or shows()):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"the replica did not replay up to {written}")
        time.sleep(0.05)


def replay(paused: bool) -> None:
    with connections["replica"].cursor() as cursor:
        if not paused:
            cursor.execute("SELECT pg_wal_replay_resume()")
            return
        cursor.execute("SELECT pg_wal_replay_pause()")
        deadline = time.monotonic() + 60
        while True:  # a pause is requested, then takes effect
            cursor.execute("SELECT pg_get_wal_replay_pause_state()")
            if cursor.fetchone()[0] == "paused":
                return
            if time.monotonic() > deadline:
                raise TimeoutError("the replica's replay did not pause")
            time.sleep(0.05)


def fetch(client: Client, path: str, databases=("primary", "replica")) -> dict:
    """One request, with the queries it sent to each database (to a stopped replica it can send none;
    counting them would connect to it)."""
    with ExitStack() as stack:
        captured = {name: stack.enter_context(CaptureQueriesContext(connections[ALIASES[name]])) for name in databases}
        response = client.get(path)
    body = response.content.decode() if response.status_code == 200 else ""
    return {
        "status": response.status_code,
        "shows": [name for name, text in SHOWN.items() if text in body],
        "queries": {name: len(queries) for name, queries in captured.items()},
    }


def main() -> dict:
    call_command("migrate", verbosity=0)
    org = make_organisation()
    secretariat = org.users["secretariat"]
    starts = timezone.now() - datetime.timedelta(days=1)
    meeting = services.create_meeting(secretariat, starts_at=starts)

    def add(meeting, short_title, **extra):
        draft = services.current_draft(meeting)
        return services.add_item(
            secretariat,
            draft,
            expected_revision=draft.revision,
            title=f"{short_title} — volledige titel",
            short_title=short_title,
            kind="note",
            mandatees=[org.mandatees["a"]],
            **extra,
        )

    decided_meeting(secretariat, meeting, add)
    item = services.final_items(meeting).get(short_title="Oostgrensprogramma")
    # Confirmed for tomorrow, so that nothing is released before the secretariat's "release now".
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    release = services.confirm_release(secretariat, services.plan_release(secretariat, meeting, "decisions", tomorrow))
    pages = {
        "meeting": reverse("portal:meeting", args=[meeting.uuid]),
        "decision": reverse("portal:decision", args=[meeting.uuid, item.lineage]),
        "api": "/api/v1/decisions",
    }
    public, office = Client(), Client()
    office.force_login(secretariat)
    # An anonymous visitor who sent a form (here: the language switch) reads the primary for a while.
    posted = Client()
    assert posted.post("/i18n/setlang/", {"language": "nl"}).status_code == 302

    def look() -> dict:
        anonymous = AnonymousUser()
        seen = {
            "visible": {
                alias: Meeting.objects.using(alias).visible_to(anonymous).filter(pk=meeting.pk).exists()
                for alias in ("default", "replica")
            }
        }
        for who, client in (("public", public), ("pinned", posted), ("secretariat", office)):
            seen[who] = {name: fetch(client, path) for name, path in pages.items()}
        return seen

    observed = {}
    replica_caught_up()
    observed["before"] = look()

    replay(paused=True)
    observed["release_posted"] = office.post(reverse("decisions:release_now", args=[release.pk])).status_code
    observed["released_paused"] = look()
    replay(paused=False)
    replica_caught_up(
        shows=lambda: Meeting.objects.using("replica").visible_to(AnonymousUser()).filter(pk=meeting.pk).exists()
    )
    observed["released"] = look()

    replay(paused=True)
    decision = item.decisions.order_by("-version").first()
    observed["correction_posted"] = office.post(
        reverse("decisions:item_decide", args=[item.pk]),
        {"result": decision.result, "text": CORRECTED, "reason": "Schrijffout", "revision": decision.version},
    ).status_code
    observed["corrected_paused"] = look()
    replay(paused=False)
    replica_caught_up(shows=lambda: Decision.objects.using("replica").filter(item=item, text=CORRECTED).exists())
    observed["corrected"] = look()
    observed["pages"] = pages
    return observed


def replica_down(pages: dict) -> dict:
    """The replica stopped: the public side reads the primary instead of failing."""
    public = Client()
    return {name: fetch(public, path, databases=("primary",)) for name, path in pages.items()}


if __name__ == "__main__":
    if sys.argv[1:2] == ["replica-down"]:
        observed = replica_down(json.loads(sys.argv[2]))
    else:
        observed = main()
    sys.stdout.write(json.dumps(observed) + "\n")
