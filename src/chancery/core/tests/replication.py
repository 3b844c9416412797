"""A private PostgreSQL primary and streaming replica for a test (core/tests/test_read_replica.py).

The machine's own cluster is not touched (its pg_hba.conf allows no replication connections, and a
test does not edit it): a new pair is made under a temporary folder with Debian's PostgreSQL
programs — `initdb`, the primary on a free port with `wal_level=replica`, `pg_basebackup -R` for the
replica on another — and stopped and removed afterwards, whatever happened. Under root (the tests'
user here) the programs run as the `postgres` user, as PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

DATABASE = "chancery"


def server_programs() -> Path | None:
    """The folder of PostgreSQL's server programs (Debian keeps them per version), newest first."""
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name), reverse=True):
        if (candidate / "initdb").exists() and (candidate / "pg_basebackup").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_basebackup") else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Pair:
    programs: Path
    root: Path
    primary_port: int
    replica_port: int
    as_owner: list[str]

    def url(self, port: int) -> str:
        return f"postgres://postgres@127.0.0.1:{port}/{DATABASE}"

    @property
    def primary_url(self) -> str:
        return self.url(self.primary_port)

    @property
    def replica_url(self) -> str:
        return self.url(self.replica_port)

    @property
    def primary(self) -> Path:
        return self.root / "primary"

    @property
    def replica(self) -> Path:
        return self.root / "replica"

    def run(self, program: str, *args: str) -> None:
        """One of PostgreSQL's programs, as the clusters' owner."""
        command = [*self.as_owner, str(self.programs / program), *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{program} {' '.join(args)}: {done.stderr or done.stdout}\n{self.logs()}")

    def start(self, data: Path) -> None:
        self.run("pg_ctl", "-D", str(data), "-l", str(self.root / f"{data.name}.log"), "-w", "-t", "60", "start")

    def stop(self, data: Path) -> None:
        self.run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")

    def logs(self) -> str:
        return "\n".join(
            f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}" for log in sorted(self.root.glob("*.log"))
        )


def copy_database(programs: Path, source: dict, target_url: str, folder: Path) -> None:
    """Copy a database (Django's settings of it) into another, schema and rows: the suite's own
    test database, just migrated, instead of migrating the primary again (half a minute)."""
    environment = {
        **os.environ,
        "PGHOST": source["HOST"] or "",
        "PGPORT": str(source["PORT"] or ""),
        "PGUSER": source["USER"] or "",
        "PGPASSWORD": source["PASSWORD"] or "",
        "PGDATABASE": source["NAME"],
    }
    dump = folder / "source.dump"
    for command in (
        [str(programs / "pg_dump"), "-Fc", "--no-owner", "--no-privileges", "-f", str(dump)],
        [str(programs / "pg_restore"), "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
         "-d", target_url, str(dump)],
    ):  # fmt: skip
        done = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300)
        if done.returncode:
            raise RuntimeError(f"{' '.join(command)}: {done.stderr}")


@contextmanager
def streaming_pair() -> Iterator[Pair]:
    programs = server_programs()
    if programs is None:
        raise RuntimeError("PostgreSQL's server programs (initdb, pg_basebackup) are not installed")
    as_owner: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="chancery-replica-"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(root, owner.pw_uid, owner.pw_gid)
        as_owner = ["runuser", "-u", "postgres", "--"]
    primary_port = _free_port()
    replica_port = next(port for port in iter(_free_port, None) if port != primary_port)
    pair = Pair(programs, root, primary_port, replica_port, as_owner)
    started: list[Path] = []
    try:
        pair.run(
            "initdb", "-D", str(pair.primary), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N"
        )
        (pair.primary / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n"
            "local replication all trust\nhost replication all 127.0.0.1/32 trust\n"
        )
        with (pair.primary / "postgresql.conf").open("a") as conf:
            # Durability is not what this test is about: a crash loses only the test's data.
            conf.write(
                f"port = {primary_port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{root}'\n"
                "wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            )
        started.append(pair.primary)  # before: a start that timed out may still have started it
        pair.start(pair.primary)
        pair.run("createdb", "-h", "127.0.0.1", "-p", str(primary_port), "-U", "postgres", DATABASE)
        # -R writes standby.signal and the primary's address; -c fast: no wait for a checkpoint.
        pair.run(
            "pg_basebackup", "-h", "127.0.0.1", "-p", str(primary_port), "-U", "postgres",
            "-D", str(pair.replica), "-R", "-X", "stream", "-c", "fast", "-N",
        )  # fmt: skip
        with (pair.replica / "postgresql.conf").open("a") as conf:
            conf.write(f"port = {replica_port}\n")
        started.append(pair.replica)
        pair.start(pair.replica)
        yield pair
    finally:
        for data in reversed(started):
            with suppress(RuntimeError, subprocess.SubprocessError):
                pair.stop(data)
        shutil.rmtree(root, ignore_errors=True)
