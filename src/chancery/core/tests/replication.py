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

    def url(self, port: int) -> str:
        return f"postgres://postgres@127.0.0.1:{port}/{DATABASE}"

    @property
    def primary_url(self) -> str:
        return self.url(self.primary_port)

    @property
    def replica_url(self) -> str:
        return self.url(self.replica_port)

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

    def run(program: str, *args: str) -> None:
        done = subprocess.run([*as_owner, str(programs / program), *args], capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{program} {' '.join(args)}: {done.stderr or done.stdout}\n{pair.logs()}")

    primary_port = _free_port()
    replica_port = next(port for port in iter(_free_port, None) if port != primary_port)
    pair = Pair(programs, root, primary_port, replica_port)
    primary, replica = root / "primary", root / "replica"
    started: list[Path] = []
    try:
        run("initdb", "-D", str(primary), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N")
        (primary / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n"
            "local replication all trust\nhost replication all 127.0.0.1/32 trust\n"
        )
        with (primary / "postgresql.conf").open("a") as conf:
            # Durability is not what this test is about: a crash loses only the test's data.
            conf.write(
                f"port = {pair.primary_port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{root}'\n"
                "wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            )
        started.append(primary)  # before: a start that timed out may still have started it
        run("pg_ctl", "-D", str(primary), "-l", str(root / "primary.log"), "-w", "-t", "60", "start")
        run("createdb", "-h", "127.0.0.1", "-p", str(pair.primary_port), "-U", "postgres", DATABASE)
        # -R writes standby.signal and the primary's address; -c fast: no wait for a checkpoint.
        run(
            "pg_basebackup", "-h", "127.0.0.1", "-p", str(pair.primary_port), "-U", "postgres",
            "-D", str(replica), "-R", "-X", "stream", "-c", "fast", "-N",
        )  # fmt: skip
        with (replica / "postgresql.conf").open("a") as conf:
            conf.write(f"port = {pair.replica_port}\n")
        started.append(replica)
        run("pg_ctl", "-D", str(replica), "-l", str(root / "replica.log"), "-w", "-t", "60", "start")
        yield pair
    finally:
        for data in reversed(started):
            with suppress(RuntimeError, subprocess.SubprocessError):
                run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)
