"""Absolute links (core.links): the configured public address when there is one; else a page links
to the address it was asked on, and what the worker makes (open-data dumps, webhook payloads) to
the address `chancery serve` serves, which it hands to the worker it starts."""

import csv
import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import RequestFactory

from chancery.core import events, links
from chancery.core.management.commands.serve import served_environment
from chancery.decisions.testing import decision_making
from chancery.portal import opendata


def test_a_request_links_to_its_own_address_unless_a_public_one_is_configured(settings):
    settings.CHANCERY_PUBLIC_URL = ""
    request = RequestFactory().get("/besluiten/", HTTP_HOST="localhost:9000")
    assert links.absolute("/besluiten/x/", request) == "http://localhost:9000/besluiten/x/"
    settings.CHANCERY_PUBLIC_URL = "https://beslissingen.example.be"
    assert links.absolute("/besluiten/x/", RequestFactory().get("/")) == "https://beslissingen.example.be/besluiten/x/"


def test_outside_a_request_links_go_to_the_served_address_or_the_public_one(settings):
    settings.CHANCERY_PUBLIC_URL, settings.CHANCERY_SERVED_URL = "", "http://127.0.0.1:9000"
    assert events.api_link("api:meeting-detail", 7) == "http://127.0.0.1:9000/api/v1/meetings/7"
    settings.CHANCERY_PUBLIC_URL = "https://beslissingen.example.be"
    assert events.api_link("api:meeting-detail", 7) == "https://beslissingen.example.be/api/v1/meetings/7"


def test_the_worker_s_dumps_link_to_the_served_address(org, themes, settings, document_store):
    settings.CHANCERY_PUBLIC_URL, settings.CHANCERY_SERVED_URL = "", "http://127.0.0.1:9000"
    decision_making(org)
    opendata.rebuild_open_data.call()  # what the worker runs after a release
    rows = list(csv.DictReader(io.StringIO((document_store / "open-data" / "decisions.csv").read_text())))
    assert rows and all(row["permalink"].startswith("http://127.0.0.1:9000/besluiten/") for row in rows)
    turtle = (document_store / "open-data" / "decisions.ttl").read_text()
    assert "http://127.0.0.1:9000/id/zitting/" in turtle and "127.0.0.1:8000" not in turtle


def test_the_api_links_to_the_address_asked_on(client, org, themes, settings):
    settings.CHANCERY_PUBLIC_URL = ""
    decision_making(org)
    body = client.get("/api/v1/meetings", HTTP_HOST="localhost:9000").json()
    assert body["results"] and body["results"][0]["url"].startswith("http://localhost:9000/api/v1/meetings/")


def test_the_sitemap_names_the_public_address_when_one_is_configured(client, org, themes, settings):
    decision_making(org)
    settings.CHANCERY_PUBLIC_URL = ""
    assert "<loc>http://testserver/besluiten/" in client.get("/sitemap.xml").content.decode()
    settings.CHANCERY_PUBLIC_URL = "https://beslissingen.example.be"
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://beslissingen.example.be/besluiten/" in sitemap and "testserver" not in sitemap


@pytest.mark.parametrize(
    "host, served",
    [("127.0.0.1", "http://127.0.0.1:9000"), ("0.0.0.0", "http://127.0.0.1:9000"), ("::1", "http://[::1]:9000")],  # noqa: S104
)
def test_serve_names_the_address_it_serves(host, served):
    assert served_environment(host, 9000) == {"CHANCERY_SERVED_URL": served}


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the children's environment from /proc")
def test_serve_hands_the_served_address_to_its_web_server_and_worker(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CHANCERY_"))}
    environment.update({"CHANCERY_VAR_DIR": str(tmp_path), "DJANGO_ENV": "development", "DJANGO_DEBUG": "0"})
    command = [sys.executable, "-m", "chancery.manage"]
    subprocess.run([*command, "migrate", "-v0"], env=environment, check=True, timeout=120)  # noqa: S603
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve = subprocess.Popen(  # noqa: S603
        [*command, "serve", "--port", str(port), "--workers", "1", "--with-worker"],
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while len(_children(serve.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        children = _children(serve.pid)
        assert len(children) == 2, "serve did not start its web server and worker"
        for child in children:
            # Between fork and exec a child still shows its parent's first environment: read until
            # the exec'd program's own one is there.
            while True:
                variables = dict(
                    item.split("=", 1) for item in Path(f"/proc/{child}/environ").read_text().split("\0") if "=" in item
                )
                if "CHANCERY_SERVED_URL" in variables or time.monotonic() > deadline:
                    break
                time.sleep(0.1)
            assert variables.get("CHANCERY_SERVED_URL") == f"http://127.0.0.1:{port}"
    finally:
        serve.terminate()
        serve.wait(timeout=30)
    # Stopped at once, serve stops what it started: no web server or worker is left running.
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{child}").exists() for child in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [child for child in children if Path(f"/proc/{child}").exists()], "serve left a child running"
