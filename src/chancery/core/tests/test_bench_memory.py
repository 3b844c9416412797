"""How the bench reports a web worker's memory (bench/run.py `_children_rss_mb`): the pages of the
search index's memory-mapped files are counted apart from the worker's own memory, read from
/proc/<pid>/smaps. A process maps and reads a 16 MB file standing in for the index."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

MAPPER = """
import mmap, sys
with open(sys.argv[1], "rb") as handle:
    mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    total = sum(mapped[i] for i in range(0, len(mapped), 4096))  # touch every page
    print("ready", flush=True)
    sys.stdin.read()
"""
# The mapper runs under a parent of its own, so that it is that parent's only child: the test's
# process may have other children (a browser driver started by an earlier test).
PARENT = """
import subprocess, sys
sys.exit(subprocess.call([sys.executable, "-c", sys.argv[1], sys.argv[2]]))
"""


def _bench_run():
    spec = importlib.util.spec_from_file_location("bench_run", Path(settings.BASE_DIR) / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not Path("/proc/self/smaps").exists(), reason="needs Linux /proc")
def test_the_mapped_index_pages_are_reported_apart_from_the_workers_own_memory(tmp_path):
    index = tmp_path / "index"
    index.mkdir()
    (index / "segment").write_bytes(os.urandom(16 * 1024 * 1024))
    child = subprocess.Popen(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", PARENT, MAPPER, str(index / "segment")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        memory = _bench_run()._children_rss_mb(child.pid, str(index))
        elsewhere = _bench_run()._children_rss_mb(child.pid, str(tmp_path / "not-the-index"))
    finally:
        child.stdin.close()
        child.wait(timeout=30)
    assert memory["workers"] == 1
    # The whole file was read through the mapping: its 16 MB are resident and counted as the index's.
    assert 15.5 <= memory["index_mapped_mb"] <= 16.5
    assert memory["peak_without_index_mb"] == pytest.approx(memory["peak_mb"] - memory["index_mapped_mb"], abs=0.2)
    # Mappings of other files are the worker's own.
    assert elsewhere["index_mapped_mb"] == 0
    assert elsewhere["peak_without_index_mb"] == elsewhere["peak_mb"]
