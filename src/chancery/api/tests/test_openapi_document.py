"""The committed OpenAPI document (api/openapi.yaml) is the one the code generates, and the one the
API serves: a change of the public contract shows as a diff of that file in review."""

import difflib

import yaml
from django.core.management import call_command
from django.urls import reverse

from chancery.api.schema import OPENAPI_FILE, OPENAPI_LANGUAGE

REGENERATE = "make openapi"


def generated(tmp_path) -> str:
    """What `make openapi` writes, with the same command and options."""
    target = tmp_path / "openapi.yaml"
    call_command("spectacular", lang=OPENAPI_LANGUAGE, validate=True, fail_on_warn=True, file=str(target))
    return target.read_text(encoding="utf-8")


def test_the_committed_document_is_the_generated_one(tmp_path):
    committed = OPENAPI_FILE.read_text(encoding="utf-8")
    fresh = generated(tmp_path)
    if fresh != committed:
        diff = difflib.unified_diff(
            committed.splitlines(keepends=True),
            fresh.splitlines(keepends=True),
            fromfile="src/chancery/api/openapi.yaml (committed)",
            tofile="generated from the code",
        )
        lines = list(diff)
        shown = "".join(lines[:300]) + (f"… {len(lines) - 300} more lines\n" if len(lines) > 300 else "")
        raise AssertionError(
            f"The API's contract changed: the OpenAPI document generated from the code differs from the committed "
            f"one. If the change is intended, run `{REGENERATE}` and commit src/chancery/api/openapi.yaml.\n{shown}"
        )


def test_generating_twice_gives_the_same_document(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert generated(tmp_path / "a") == generated(tmp_path / "b")


def without_prose(node):
    """The contract without its human texts (titles, descriptions), which follow the language. (A
    reference with a text beside it is wrapped in allOf, as OpenAPI 3.0 wants: unwrapped here.)"""
    if isinstance(node, dict):
        node = {key: without_prose(value) for key, value in node.items() if key not in {"title", "description"}}
        return node["allOf"][0] if list(node) == ["allOf"] and len(node["allOf"]) == 1 else node
    if isinstance(node, list):
        return [without_prose(value) for value in node]
    return node


def test_the_api_serves_the_committed_document(client, org):
    committed = yaml.safe_load(OPENAPI_FILE.read_text(encoding="utf-8"))
    url = reverse("api:openapi")
    stale = f"/api/v1/openapi.json differs from src/chancery/api/openapi.yaml: run `{REGENERATE}`"
    assert client.get(url, {"lang": OPENAPI_LANGUAGE}).json() == committed, stale
    # Whoever asks: a signed-in user gets the same document.
    client.force_login(org.users["secretariat"])
    assert client.get(url, {"lang": OPENAPI_LANGUAGE}).json() == committed, stale
    # In Dutch (the default language) only the human texts differ.
    dutch = client.get(url).json()
    assert dutch != committed and without_prose(dutch) == without_prose(committed)
