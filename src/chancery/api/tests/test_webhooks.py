"""Webhooks against a local receiver: outbox in the change's transaction, signatures, retries with
back-off, redelivery, and nothing sent about what the subscriber may not see."""

import datetime
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.db import transaction

from chancery.api import webhooks
from chancery.api.models import ApiToken, Delivery, Event, Scope, WebhookSubscription
from chancery.core import services as core_services
from chancery.core.testing import pdf_upload
from chancery.decisions import services
from chancery.decisions.testing import decided_meeting


class Receiver:
    """A small HTTP server that records what it receives and fails the first `failures` calls; with
    `redirect_to`, it answers every call with a redirect there."""

    def __init__(self, failures=0, redirect_to=None):
        self.received, self.failures = [], failures
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                if redirect_to:
                    self.send_response(307)
                    self.send_header("Location", redirect_to)
                    self.end_headers()
                    return
                failing = receiver.failures > 0
                receiver.failures -= 1
                self.send_response(500 if failing else 204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


def subscribe(user, url, events, scope=Scope.READ_PUBLIC):
    token, _key = ApiToken.issue(user, [scope])
    return WebhookSubscription.objects.create(owner=token, url=url, event_types=events)


def released_meeting(secretariat, meeting, add):
    decided_meeting(secretariat, meeting, add, [("Oostgrens", "public")], text="Goedgekeurd.")
    planned = services.plan_release(secretariat, meeting, "decisions")
    services.confirm_release(secretariat, planned)
    services.release_now(secretariat, planned)


def test_a_release_is_delivered_signed(receiver, secretariat, meeting, add, org, django_capture_on_commit_callbacks):
    subscription = subscribe(org.users["expert"], receiver.url, ["meeting.released"])
    with django_capture_on_commit_callbacks(execute=True):
        released_meeting(secretariat, meeting, add)
    [(headers, body)] = receiver.received
    assert headers["Chancery-Event"] == "meeting.released"
    assert webhooks.verify_signature(subscription.secret, headers["Chancery-Signature"], body)
    assert not webhooks.verify_signature(subscription.secret, headers["Chancery-Signature"], body + b" ")
    assert not webhooks.verify_signature("another secret", headers["Chancery-Signature"], body)
    payload = json.loads(body)
    assert payload["type"] == "meeting.released" and payload["data"]["meeting"].endswith(
        f"/api/v1/meetings/{meeting.pk}"
    )
    assert Delivery.objects.get().state == "delivered"


def test_old_signatures_are_refused(receiver):
    header = webhooks.signature("s", int(time.time()) - 3600, b"{}")
    assert not webhooks.verify_signature("s", header, b"{}")
    assert webhooks.verify_signature("s", header, b"{}", now=int(time.time()) - 3590)


def test_failures_are_retried_with_growing_intervals(
    secretariat, meeting, add, org, django_capture_on_commit_callbacks
):
    failing = Receiver(failures=2)
    try:
        subscribe(org.users["expert"], failing.url, ["meeting.released"])
        with django_capture_on_commit_callbacks(execute=True):
            released_meeting(secretariat, meeting, add)
    finally:
        failing.close()
    attempts = list(Delivery.objects.order_by("attempt"))
    assert [(d.attempt, d.state, d.status_code) for d in attempts] == [
        (1, "failed", 500),
        (2, "failed", 500),
        (3, "delivered", 204),
    ]
    gaps = [(b.scheduled_at - a.attempted_at).total_seconds() for a, b in zip(attempts, attempts[1:], strict=False)]
    assert gaps[0] == pytest.approx(60, abs=2) and gaps[1] == pytest.approx(300, abs=2)


def test_attempts_stop_after_the_maximum(secretariat, meeting, add, org, django_capture_on_commit_callbacks):
    subscribe(org.users["expert"], "http://127.0.0.1:9/unreachable", ["meeting.released"])
    with django_capture_on_commit_callbacks(execute=True):
        released_meeting(secretariat, meeting, add)
    assert Delivery.objects.count() == webhooks.MAX_ATTEMPTS
    assert set(Delivery.objects.values_list("state", flat=True)) == {"failed"}
    again = webhooks.redeliver(Delivery.objects.last())
    assert again.attempt == 1 and again.state == "pending"


def test_a_rolled_back_change_leaves_no_event(secretariat, org, receiver):
    subscribe(org.users["secretariat"], receiver.url, ["document.version_added"], scope=Scope.READ_INTERNAL)
    with pytest.raises(RuntimeError), transaction.atomic():
        core_services.create_document(secretariat, title="Nota", upload=pdf_upload())
        assert Event.objects.count() == 1  # recorded inside the transaction …
        raise RuntimeError("the change fails after the event was recorded")
    assert Event.objects.count() == 0  # … and gone with it
    assert receiver.received == []


def test_nothing_embargoed_goes_out(receiver, secretariat, org, django_capture_on_commit_callbacks):
    public = subscribe(org.users["expert"], receiver.url, ["document.version_added"])
    internal = subscribe(org.users["secretariat"], receiver.url, ["document.version_added"], scope=Scope.READ_INTERNAL)
    with django_capture_on_commit_callbacks(execute=True):
        core_services.create_document(secretariat, title="Nota", access_level="public", upload=pdf_upload())
    states = {d.subscription_id: d.state for d in Delivery.objects.all()}
    assert states == {public.pk: "withheld", internal.pk: "delivered"}
    assert len(receiver.received) == 1


def _publish(secretariat, item, *, published: bool):
    """Take a publication of `item` through the Gazette's steps, to its planned date or published."""
    from chancery.decisions.models import PublicationStep as S

    publication = services.start_publication(secretariat, item, regulation_type="decree")
    for step in (S.TRANSLATION_REQUESTED, S.TRANSLATION_RECEIVED, S.PROOF_REQUESTED, S.PROOF_RECEIVED):
        services.record_step(secretariat, publication, step)
    planned = datetime.date.today() + datetime.timedelta(days=10)
    services.record_step(secretariat, publication, S.PUBLICATION_REQUESTED, planned_date=planned)
    if published:
        services.record_step(secretariat, publication, S.PUBLISHED, numac="2026012345")
    return publication


def test_a_publication_event_follows_the_apis_rule(
    receiver, secretariat, meeting, add, org, django_capture_on_commit_callbacks
):
    """The webhook check is the API's rule: a read-internal token whose user may not see the decision
    gets nothing; an outsider gets the event of a publication the API shows them."""
    from chancery.decisions.models import Publication

    add(meeting, "Raadsbesluit", access_level="internal_council")
    released_meeting(secretariat, meeting, add)  # adds a public item "Oostgrens" and releases both
    council_item, public_item = sorted(services.final_items(meeting), key=lambda i: i.short_title != "Raadsbesluit")
    civil_servant = subscribe(
        org.users["civil_servant"], receiver.url, ["publication.date_set"], scope=Scope.READ_INTERNAL
    )
    outsider = subscribe(org.users["expert"], receiver.url, ["publication.date_set"])
    with django_capture_on_commit_callbacks(execute=True):
        hidden = _publish(secretariat, council_item, published=False)
    assert not Publication.objects.visible_to(org.users["civil_servant"]).filter(pk=hidden.pk).exists()
    assert {d.subscription_id: d.state for d in Delivery.objects.all()} == {
        civil_servant.pk: "withheld",
        outsider.pk: "withheld",  # not published yet: outsiders see published ones only
    }
    with django_capture_on_commit_callbacks(execute=True):
        shown = _publish(secretariat, public_item, published=True)
    assert Publication.objects.visible_to(None).filter(pk=shown.pk).exists()
    latest = Event.objects.filter(subject_id=str(shown.pk)).order_by("-pk").first()
    states = {d.subscription_id: d.state for d in latest.deliveries.all()}
    assert states == {civil_servant.pk: "delivered", outsider.pk: "delivered"}


def test_domain_events_reach_the_outbox_with_the_subjects_rule(
    receiver, secretariat, meeting, add, org, django_capture_on_commit_callbacks
):
    """Apps declare their events (core.events); an integrator subscribes to any of them, and each
    delivery is checked with the subscriber's eyes: the administration hears of an approved agenda
    at once, the public not before anything of the meeting is released."""
    from chancery.core import events

    assert {"agenda.approved", "decision.recorded", "meeting.closed", "licence.granted", "case.transitioned"} <= set(
        events.codes()
    )
    inside = subscribe(org.users["civil_servant"], receiver.url, ["agenda.approved"], scope=Scope.READ_INTERNAL)
    outside = subscribe(org.users["expert"], receiver.url, ["agenda.approved"])
    add(meeting, "Oostgrens")
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    event = Event.objects.get(type="agenda.approved")
    assert event.data["final"] is True and event.data["meeting"].endswith(f"/api/v1/meetings/{meeting.pk}")
    assert {d.subscription_id: d.state for d in event.deliveries.all()} == {
        inside.pk: "delivered",
        outside.pk: "withheld",
    }


def test_an_undeclared_event_is_an_error(secretariat, meeting):
    from django.core.exceptions import ImproperlyConfigured

    from chancery.core import events

    with pytest.raises(ImproperlyConfigured):
        events.emit("agenda.aproved", meeting, {})
