"""`chancery serve`: the web server (gunicorn), and with --with-worker the background worker too."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from chancery.core.demo.data import DEMO_PASSWORD, USERS


def run_environment() -> dict[str, str]:
    """What the served processes run with: never Django's debug mode, whatever the profile. `make
    run` serves the demo to whoever opens it, and a debug page lists every URL pattern (404) and the
    settings (500); our own error pages are shown instead. Static files are still served (WhiteNoise
    looks in the apps outside production, see settings). `chancery runserver` stays the debug run."""
    return {**os.environ, "DJANGO_DEBUG": "0"}


def served_environment(host: str, port: int) -> dict[str, str]:
    """CHANCERY_SERVED_URL for the web server and worker started here: the address being served
    (a server bound to every interface is reached on this machine at 127.0.0.1)."""
    if host in ("", "0.0.0.0", "::", "[::]"):  # noqa: S104 - a comparison, not a binding
        host = "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return {"CHANCERY_SERVED_URL": f"http://{host}:{port}"}


def metrics_directory() -> str:
    """Where the served processes record their measurements for /metrics (the Prometheus client's
    multiprocess mode: one file per process, added up at each scrape). Emptied at each start: the
    files of processes that are gone would otherwise be added in."""
    folder = Path(settings.VAR_DIR) / "metrics"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return str(folder)


class Command(BaseCommand):
    help = "Serve Chancery over HTTP (gunicorn); --with-worker also runs the background worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
        parser.add_argument("--with-worker", action="store_true", help="Also start `chancery worker`.")

    def _banner(self, host: str, port: int) -> None:
        with translation.override(settings.LANGUAGE_CODE):  # the operator's language, as every command's
            self._write_banner(host, port)

    def _write_banner(self, host: str, port: int) -> None:
        self.stdout.write(self.style.SUCCESS(_("Chancery runs on %(address)s") % {"address": f"http://{host}:{port}/"}))
        if not settings.PRODUCTION:
            from chancery.core.models import Role, User

            present = set(User.objects.filter(username__in=[u[0] for u in USERS]).values_list("username", flat=True))
            if present:
                self.stdout.write(_("Demo logins (password '%(password)s'):") % {"password": DEMO_PASSWORD})
                for username, role, *_rest in USERS:
                    if username in present:
                        self.stdout.write(f"  {username:<14} {Role(role).label}")
        self.stdout.write(_("Stop with Ctrl+C."))

    def handle(self, *args, host, port, workers, with_worker, **options):
        # What the worker makes outside a request (open-data dumps, webhook payloads) links to the
        # address served here unless a public address is configured (core.links).
        os.environ.update(served_environment(host, port))
        web = [
            sys.executable, "-m", "gunicorn", "chancery.wsgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", "4",
            "--access-logfile", "-", "--graceful-timeout", "10",
        ]  # fmt: skip
        environment = run_environment()
        environment["PROMETHEUS_MULTIPROC_DIR"] = metrics_directory()
        children: list[subprocess.Popen] = []

        def stop(*_):
            for child in children:
                if child.poll() is None:
                    child.terminate()

        # The handler is in place before any child starts: a SIGTERM arriving between a child's
        # start and the handler would end this process by default and leave the child orphaned
        # (a test that stopped the server at once left a gunicorn running).
        signal.signal(signal.SIGTERM, stop)
        children.append(subprocess.Popen(web, env=environment))  # noqa: S603 - our own interpreter and arguments
        if with_worker:
            worker = [sys.executable, "-m", "chancery.manage", "worker"]
            children.append(subprocess.Popen(worker, env=environment))  # noqa: S603 - our own interpreter and arguments
        self._banner(host, port)
        try:
            # If one process dies, stop the other: a web server without its worker would quietly
            # leave text extraction and scheduled releases undone.
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for child in children:
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
        codes = [child.returncode for child in children]
        if any(code not in (0, -signal.SIGTERM, -signal.SIGINT, None) for code in codes):
            sys.exit(1)
