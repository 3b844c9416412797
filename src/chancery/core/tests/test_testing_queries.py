"""The query-count baselines themselves: what they record, how, and how they fail."""

import json
import multiprocessing

import pytest

from chancery.core import testing_queries
from chancery.core.models import Entity
from chancery.core.testing_queries import assert_no_stale_baselines, merged, query_count_baseline, record


def test_one_number_while_the_databases_agree():
    assert merged(None, "sqlite", 5) == 5
    assert merged(5, "sqlite", 5) == 5
    # Another number on one database: each keeps its own; the other keeps the number it had.
    assert merged(5, "postgresql", 6) == {"postgresql": 6, "sqlite": 5}
    assert merged({"postgresql": 6, "sqlite": 5}, "sqlite", 7) == {"postgresql": 6, "sqlite": 7}
    assert merged({"postgresql": 6, "sqlite": 5}, "sqlite", 6) == 6


def test_the_file_is_sorted_one_key_a_line(tmp_path):
    path = tmp_path / "query_counts.json"
    record(path, "b", "sqlite", 3)
    record(path, "a", "sqlite", 2)
    record(path, "b", "postgresql", 4)
    assert path.read_text() == '{\n  "a": 2,\n  "b": {"postgresql": 4, "sqlite": 3}\n}\n'


def _record_many(path, prefix):
    for n in range(40):
        record(path, f"{prefix}{n:02d}", "sqlite", n)


def test_two_processes_record_at_once_without_losing_a_key(tmp_path):
    path = tmp_path / "query_counts.json"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_record_many, args=(path, prefix)) for prefix in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(json.loads(path.read_text())) == 80


@pytest.fixture
def comparing(monkeypatch):
    """Compare, even when the suite runs with UPDATE_QUERY_COUNTS=1."""
    monkeypatch.delenv(testing_queries.UPDATE_VARIABLE, raising=False)


def test_a_count_is_compared_and_recorded(tmp_path, db, monkeypatch, comparing):
    path = tmp_path / "query_counts.json"
    with pytest.raises(AssertionError, match="No query-count baseline for 'entities'.*UPDATE_QUERY_COUNTS=1"):
        with query_count_baseline(path, "entities"):
            list(Entity.objects.all())
    monkeypatch.setenv(testing_queries.UPDATE_VARIABLE, "1")
    with query_count_baseline(path, "entities"):
        list(Entity.objects.all())
    monkeypatch.delenv(testing_queries.UPDATE_VARIABLE)
    assert json.loads(path.read_text()) == {"entities": 1}
    with query_count_baseline(path, "entities"):
        list(Entity.objects.all())
    with pytest.raises(AssertionError, match=r"ran 2 queries on \w+, 1 more than the baseline of 1(.|\n)*core_entity"):
        with query_count_baseline(path, "entities"):
            list(Entity.objects.all())
            Entity.objects.count()


def test_keys_no_test_measures_fail_and_are_removed_on_update(tmp_path, monkeypatch, comparing):
    path = tmp_path / "query_counts.json"
    record(path, "kept", "sqlite", 1)
    record(path, "gone", "sqlite", 2)
    with pytest.raises(AssertionError, match="gone"):
        assert_no_stale_baselines(path, ["kept"])
    monkeypatch.setenv(testing_queries.UPDATE_VARIABLE, "1")
    assert_no_stale_baselines(path, ["kept"])
    assert json.loads(path.read_text()) == {"kept": 1}
