"""The reference deployment (deploy/, issue 20 §3) brought up on this machine: nginx with the
configuration as shipped (only ports, certificate and static folder changed), TLS ending at nginx,
two gunicorn web processes behind it over one PostgreSQL database. A bounded load runs on loopback;
one web process is killed in the middle: no request fails beyond those it had in flight, and every
request after it is answered by the other."""

import datetime
import ipaddress
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.db import connection

from chancery.decisions.testing import decision_making

DEPLOY = Path(__file__).resolve().parents[4] / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
THREADS = 8
PER_THREAD = 40


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, as the TLS ending point's."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def nginx_configuration(
    folder: Path, *, https: int, http: int, webs: list[int], cert: Path, key: Path, static: Path
) -> Path:
    """deploy/nginx/chancery.conf with this machine's ports and paths, inside a minimal main file."""
    shipped = (DEPLOY / "nginx" / "chancery.conf").read_text()
    site = shipped.replace("127.0.0.1:8001", f"127.0.0.1:{webs[0]}").replace("127.0.0.1:8002", f"127.0.0.1:{webs[1]}")
    site = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", site)  # loopback IPv4 only
    site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http};")
    site = site.replace("/etc/ssl/chancery/fullchain.pem", str(cert)).replace("/etc/ssl/chancery/privkey.pem", str(key))
    site = site.replace("/srv/chancery/static/", f"{static}/")
    assert site.count(str(webs[0])) == 1 and str(cert) in site and str(static) in site, "the shipped file changed shape"
    (folder / "site.conf").write_text(site)
    main = folder / "nginx.conf"
    main.write_text(
        f"""
user root;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/site.conf;
}}
"""
    )
    return main


def web_process(port: int, folder: Path, database_url: str) -> subprocess.Popen:
    """A web process as chancery-web@.service starts it (gunicorn, its own metrics folder)."""
    (folder / f"metrics-{port}").mkdir(parents=True)
    env = {
        **os.environ,
        # The test profile's settings (its static files from the apps, no collected folder to build),
        # otherwise as in production: no debug pages, the proxy trusted from loopback only.
        "DJANGO_ENV": "test",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": database_url,
        "CHANCERY_TRUSTED_PROXIES": "127.0.0.1",
        "CHANCERY_VAR_DIR": str(folder / f"var-{port}"),
        "CHANCERY_MEDIA_ROOT": str(folder / "media"),
        "CHANCERY_SEARCH_INDEX": str(folder / f"index-{port}"),
        "CHANCERY_SEARCH_NODE": f"web-{port}",
        "PROMETHEUS_MULTIPROC_DIR": str(folder / f"metrics-{port}"),
    }
    command = [
        sys.executable, "-m", "gunicorn", "chancery.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", "1", "--threads", "4", "--graceful-timeout", "5",
        "--access-logfile", str(folder / f"access-{port}.log"),
    ]  # fmt: skip
    # Its own process group: killing it takes its gunicorn workers too, as a crashed machine would.
    return subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )  # noqa: S603 - our own interpreter and arguments


def wait_for(url: str, verify, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=5, verify=verify).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not answer")


@pytest.mark.django_db(transaction=True)
def test_nginx_and_two_web_processes_survive_the_loss_of_one(org, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("several processes past one machine share a PostgreSQL database")
    if not Path(NGINX).exists():
        pytest.skip("nginx is installed by `make install-test` (Debian's nginx)")
    decision_making(org)  # public pages with something on them
    db = connection.settings_dict
    auth = f"{db['USER']}:{db['PASSWORD']}@" if db.get("PASSWORD") else f"{db['USER']}@"
    url = f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "marker.css").write_text("body{}")
    cert, key = certificate(tmp_path)
    https, http, webs = free_port(), free_port(), [free_port(), free_port()]
    conf = nginx_configuration(tmp_path, https=https, http=http, webs=webs, cert=cert, key=key, static=static)
    checked = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)  # noqa: S603 - the system's nginx
    assert checked.returncode == 0, checked.stderr
    processes = {port: web_process(port, tmp_path, url) for port in webs}
    nginx = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"])  # noqa: S603 - the system's nginx
    base = f"https://127.0.0.1:{https}"
    try:
        for port in webs:
            wait_for(f"http://127.0.0.1:{port}/health/live", verify=True)
        wait_for(f"{base}/health/live", verify=str(cert))

        # What the shipped configuration promises, besides spreading the load.
        plain = requests.get(f"http://127.0.0.1:{http}/besluiten/", allow_redirects=False, timeout=10)
        assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")
        css = requests.get(f"{base}/static/css/marker.css", verify=str(cert), timeout=10)
        assert css.status_code == 200 and "immutable" in css.headers["Cache-Control"]
        assert requests.get(f"{base}/metrics", verify=str(cert), timeout=10).status_code == 403
        # The web process saw https (X-Forwarded-Proto from the trusted proxy): its links say so.
        page = requests.get(f"{base}/", verify=str(cert), timeout=30)
        assert page.status_code == 200

        paths = ["/", "/health/live", "/api/v1/documents", "/zoeken?q=besluit"]
        outcomes: list[tuple[float, int | str]] = []
        lock = threading.Lock()
        killed_at: list[float] = []

        def client(number: int) -> None:
            session = requests.Session()
            for i in range(PER_THREAD):
                path = paths[(number + i) % len(paths)]
                try:
                    outcome = session.get(f"{base}{path}", verify=str(cert), timeout=60).status_code
                except requests.RequestException as error:
                    outcome = type(error).__name__
                with lock:
                    outcomes.append((time.monotonic(), outcome))
                    if len(outcomes) == THREADS * PER_THREAD // 4 and not killed_at:
                        # A quarter of the way: web process 1 dies, with its workers, without warning.
                        os.killpg(processes[webs[0]].pid, signal.SIGKILL)
                        killed_at.append(time.monotonic())

        clients = [threading.Thread(target=client, args=(n,)) for n in range(THREADS)]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join(timeout=600)
        assert killed_at and len(outcomes) == THREADS * PER_THREAD
        failed = [outcome for _at, outcome in outcomes if outcome != 200]
        # At most the requests the killed process had in flight (one per client thread), and none
        # once nginx has marked it down (its first failure).
        assert len(failed) <= THREADS, failed
        settled = killed_at[0] + 2
        assert all(outcome == 200 for at, outcome in outcomes if at > settled)
        assert processes[webs[1]].poll() is None
        served = (tmp_path / f"access-{webs[1]}.log").read_text().count("\n")
        assert served >= len([1 for at, _o in outcomes if at > settled])  # the survivor took the rest
    finally:
        nginx.send_signal(signal.SIGQUIT)
        for process in processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in [nginx, *processes.values()]:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
