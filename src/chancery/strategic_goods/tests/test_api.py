"""The control-list collection of the API: list, search, filters, detail by code, and conformance
of these operations with the OpenAPI document (schemathesis)."""

from chancery.api.testing import openapi_schema, run_operations


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [entry["code"] for entry in response.json()["results"]]


def test_list_and_root_link(client, control_list):
    assert client.get("/api/v1/").json()["control-list"].endswith("/api/v1/control-list")
    listed = codes(client.get("/api/v1/control-list"))
    assert listed[:3] == ["0A001", "0A001.a", "0A001.b"]


def test_search_by_code_and_by_words(client, control_list):
    assert codes(client.get("/api/v1/control-list", {"q": "3a001.a"})) == [
        "3A001.a", "3A001.a.1", "3A001.a.2", "3A001.a.5", "3A001.a.7"]  # fmt: skip
    assert codes(client.get("/api/v1/control-list", {"q": "sound suppressors"})) == ["ML1.d.2"]
    ml1 = codes(client.get("/api/v1/control-list", {"q": "ml1"}))
    assert ml1[0] == "ML1" and "ML1.d.6" in ml1 and not any(c.startswith("ML10") for c in ml1)
    assert codes(client.get("/api/v1/control-list", {"q": "5A00"})) == [
        "5A001", "5A001.a", "5A001.f", "5A001.j", "5A002", "5A002.a", "5A002.a.1", "5A002.a.2", "5A002.a.3",
        "5A002.a.4", "5A002.b", "5A002.c", "5A003", "5A004"]  # fmt: skip
    found = codes(client.get("/api/v1/control-list", {"q": "intrusion software"}))
    assert found == ["4A005", "4D004"]
    assert codes(client.get("/api/v1/control-list", {"q": "cryptography", "list": "military"})) == []


def test_filters(client, control_list):
    military = codes(client.get("/api/v1/control-list", {"list": "military", "page_size": 200}))
    assert military[0] == "ML1" and all(code.startswith("ML") for code in military)
    assert "ML22" in military
    assert codes(client.get("/api/v1/control-list", {"parent": "ML1.d"})) == [f"ML1.d.{n}" for n in range(1, 7)]
    category = codes(client.get("/api/v1/control-list", {"category": "5", "group": "D"}))
    assert category == ["5D002"]
    refused = client.get("/api/v1/control-list", {"list": "nuclear"})
    assert refused.status_code == 400 and refused["Content-Type"].startswith("application/problem+json")


def test_detail_by_code(client, control_list):
    response = client.get("/api/v1/control-list/5A002.a.1")
    assert response.status_code == 200
    entry = response.json()
    assert entry["parent"] == "5A002.a" and entry["category_name"].startswith("Telecommunications")
    assert entry["group_name"] == "Systems, equipment and components" and entry["regime"] == "wassenaar"
    assert "2021/821" in entry["list_version"] and entry["valid_from"] == "2025-11-15"
    assert entry["url"].endswith("/api/v1/control-list/5A002.a.1")
    assert client.get("/api/v1/control-list/5a002.A.1").json()["code"] == "5A002.a.1"
    assert client.get("/api/v1/control-list/5A992").status_code == 404
    assert client.get("/api/v1/control-list/EAR99").status_code == 404


def test_pages_follow(client, control_list):
    first = client.get("/api/v1/control-list", {"page_size": 50}).json()
    second = client.get(first["next"]).json()
    assert len(first["results"]) == 50 and second["results"][0]["code"] not in {e["code"] for e in first["results"]}


def test_control_list_operations_conform_to_the_openapi_document(control_list, keep_connection):
    paths = run_operations(openapi_schema(), {}, 25, path="/control-list")
    assert {path.rpartition("/control-list")[2] for path in paths} == {"", "/{code}"}
