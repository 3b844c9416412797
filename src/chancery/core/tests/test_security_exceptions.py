"""Every exception to ruff's security rules (the bandit checks) says why, on its line
(docs/THREAT-MODEL.md): an unexplained `# noqa: S…` is a finding nobody looked at."""

import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2]
EXCEPTION = re.compile(r"#\s*noqa:\s*(S\d+(?:\s*,\s*S\d+)*)(.*)$")


def unexplained_exceptions(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = EXCEPTION.search(line)
            if match and not match.group(2).strip(" -—:"):
                found.append(f"{path.relative_to(root)}:{number}")
    return found


def test_every_security_exception_gives_its_reason():
    assert unexplained_exceptions(SOURCE) == []


def test_the_scan_finds_an_unexplained_exception(tmp_path):
    (tmp_path / "module.py").write_text('KEY = "x"  # noqa: S105\nOTHER = "y"  # noqa: S105 - a fixture\n')
    assert unexplained_exceptions(tmp_path) == ["module.py:1"]
