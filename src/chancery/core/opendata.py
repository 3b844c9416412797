"""Open datasets that other apps publish beside the portal's dumps (registered in their
AppConfig.ready()): the portal's `/open-data/` page lists them and its DCAT-AP catalogue describes
them, without the portal importing those apps.

    opendata.register(opendata.Dataset("grants", "Toegekende subsidies", "…", "grants_open_data", "csv"))

A registered dataset is served by its own view (`url_name`), made on each request from data that is
public by rule (e.g. the granted grants, with protected beneficiaries masked)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str  # Dutch, as the catalogue gives it
    description: str
    url_name: str
    suffix: str  # csv, jsonl, ttl
    media_type: str = "text/csv"


_datasets: dict[str, Dataset] = {}


def register(dataset: Dataset) -> None:
    existing = _datasets.get(dataset.key)
    if existing is not None and existing != dataset:
        raise ValueError(f"The open dataset {dataset.key!r} is registered twice.")
    _datasets[dataset.key] = dataset


def datasets() -> list[Dataset]:
    return sorted(_datasets.values(), key=lambda d: d.key)
