"""Signing through the screens: start a flow on a document, sign from the inbox, see it verified."""

from django.urls import reverse

from chancery.core import signing
from chancery.core.models import FlowState, SigningFlow

from .test_signing import PASS, authority, decision, signers_  # noqa: F401 - fixtures


def test_start_sign_and_see_the_verification(client, org, signers_, decision):  # noqa: F811
    first, second = signers_
    client.force_login(org.users["secretariat"])
    html = client.get(decision.get_absolute_url()).content.decode()
    assert "Laten ondertekenen" in html
    client.post(reverse("signing_start", args=[decision.uuid]), {"signer_1": first.pk, "signer_2": second.pk})
    flow = SigningFlow.objects.get()
    assert [r.signer for r in flow.requests.order_by("order")] == [first, second]

    client.force_login(second)
    assert ">Beslissing<" not in client.get(reverse("signing_inbox")).content.decode()  # not their turn
    client.force_login(first)
    request_1 = flow.requests.get(order=1)
    assert ">Beslissing<" in client.get(reverse("signing_inbox")).content.decode()
    response = client.post(reverse("signing_act", args=[request_1.pk]), {"passphrase": "fout"})
    assert response.status_code == 400 and "wachtzin" in response.content.decode()
    client.post(reverse("signing_act", args=[request_1.pk]), {"passphrase": PASS})
    client.force_login(second)
    client.post(reverse("signing_act", args=[flow.requests.get(order=2).pk]), {"passphrase": PASS})
    flow.refresh_from_db()
    assert flow.state == FlowState.COMPLETED
    html = client.get(decision.get_absolute_url()).content.decode()
    assert html.count("geldig en vertrouwd") == 2


def test_someone_else_cannot_act_on_a_request(client, org, signers_, decision):  # noqa: F811
    flow = signing.start_flow(org.users["secretariat"], decision, [signers_[0]])
    client.force_login(signers_[1])
    assert client.get(reverse("signing_act", args=[flow.requests.get().pk])).status_code == 404
