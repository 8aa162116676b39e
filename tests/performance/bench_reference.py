"""The references of `make bench`: a bare `wagtail start` project (W) made in a
temporary folder with this virtualenv, served by the same gunicorn settings from
the same database server (a database of its own), and gunicorn itself."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import environ

BIN = Path(sys.executable).parent
REFERENCE_SETTINGS = """
from .base import *  # noqa

import environ

DEBUG = False
SECRET_KEY = "bench-reference-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {{"default": {database!r}}}
DATABASES["default"]["CONN_MAX_AGE"] = 60
LOGGING = {{"version": 1, "root": {{"level": "WARNING"}}}}
"""


def reference_database(url: str, folder: Path) -> dict:
    """The configured database server, a database of the reference's own."""
    config = environ.Env.db_url_config(url)
    if "sqlite" in config["ENGINE"]:
        config["NAME"] = str(folder / "reference.sqlite3")
        return config
    config["NAME"] = f"{config['NAME']}_reference"
    return config


def create_postgres_database(config: dict) -> None:
    import psycopg

    params = {
        "host": config.get("HOST") or "127.0.0.1",
        "port": config.get("PORT") or 5432,
        "user": config.get("USER") or "postgres",
        "dbname": "postgres",
        "autocommit": True,
    }
    if config.get("PASSWORD"):
        params["password"] = config["PASSWORD"]
    with psycopg.connect(**params) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
        connection.execute(f'CREATE DATABASE "{config["NAME"]}"')


def make_reference(folder: Path, database_url: str) -> Path:
    """`wagtail start reference` in ``folder``, migrated; its directory."""
    subprocess.run(  # noqa: S603
        [str(BIN / "wagtail"), "start", "reference", str(folder)],
        check=True,
        capture_output=True,
    )
    database = reference_database(database_url, folder)
    if "postgresql" in database["ENGINE"]:
        create_postgres_database(database)
    (folder / "reference" / "settings" / "bench.py").write_text(
        REFERENCE_SETTINGS.format(database=database)
    )
    subprocess.run(  # noqa: S603
        [str(BIN / "python"), "manage.py", "migrate", "--noinput", "-v0"],
        cwd=folder,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "reference.settings.bench"},
        check=True,
    )
    return folder


class Gunicorn:
    """gunicorn serving ``wsgi`` from ``cwd`` on 127.0.0.1:``port`` with sync
    workers, as in production; stopped by ``stop``."""

    def __init__(self, *, wsgi, cwd, port, workers, settings, extra_env=None):
        self.port = port
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, **(extra_env or {})}
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(BIN / "gunicorn"),
                wsgi,
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
                "--worker-class=sync",
                "--backlog=2048",
                "--timeout=60",
                "--log-level=warning",
            ],
            cwd=cwd,
            env=env,
        )
        self.wait_ready()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn on port {self.port} exited")
            try:
                urllib.request.urlopen(self.base + "/", timeout=5)  # noqa: S310
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"gunicorn on port {self.port} did not answer")

    def worker_rss_mb(self) -> list[float]:
        """The resident memory of each worker process, in MB."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(round(int(line.split()[1]) / 1024, 1))
        return sizes

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
