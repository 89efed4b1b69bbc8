"""The whole pipeline as local processes: nats-server, then store, extract, ingest and api.

Used by `newsevents up`, by `newsevents bench pipeline` and by the end-to-end tests. Every
service is started as ``python -m newsevents.cli serve <name>`` with its settings in the
environment, exactly as an admin would run it; logs go to ``<data dir>/logs/<name>.log``.

The fault tests drive single services: ``kill`` (SIGKILL, nothing runs after it), ``terminate``
(SIGTERM: a graceful stop) and ``restart`` (the same port and settings, optionally changed), so
the api keeps reaching ingest and store at the URLs it was given. ``service_env`` adds settings
to one service only.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from .nats_server import NatsServer

START_ORDER = ("store", "extract", "ingest", "api")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@dataclass
class ServiceProcess:
    name: str
    port: int
    process: subprocess.Popen
    log: Path
    replica: int = 0
    env: dict[str, str] = field(default_factory=dict, repr=False)  # what it was started with; restart reuses it

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def running(self) -> bool:
        return self.process.poll() is None


@dataclass
class Pipeline:
    data_dir: Path
    api_port: int = 8000
    host: str = "127.0.0.1"
    extract_replicas: int = 1
    env: dict[str, str] = field(default_factory=dict)  # extra settings for every service
    service_env: dict[str, dict[str, str]] = field(default_factory=dict)  # extra settings for one service, by name
    nats: NatsServer | None = None
    services: dict[str, list[ServiceProcess]] = field(default_factory=dict)

    @property
    def database_url(self) -> str:
        return self.env.get("DATABASE_URL") or f"sqlite:///{(self.data_dir / 'newsevents.db').resolve()}"

    @property
    def api_url(self) -> str:
        return self.services["api"][0].url

    def base_env(self) -> dict[str, str]:
        assert self.nats is not None
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSEVENTS_") and k != "DATABASE_URL"}
        env.update(
            NEWSEVENTS_NATS_URL=self.nats.url,
            DATABASE_URL=self.database_url,
            NEWSEVENTS_LOG_FORMAT="json",
            NEWSEVENTS_HOST=self.host,
            PYTHONUNBUFFERED="1",
        )
        env.update(self.env)
        return env

    def start(self, timeout: float = 60.0) -> "Pipeline":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        (self.data_dir / "logs").mkdir(exist_ok=True)
        if self.nats is None:
            self.nats = NatsServer(self.data_dir / "nats", log_file=self.data_dir / "logs" / "nats.log")
        if self.nats.process is None or self.nats.process.poll() is not None:
            self.nats.start()
        try:
            self.migrate()
            ports = {"ingest": free_port(), "store": free_port(), "api": self.api_port or free_port()}
            for name in START_ORDER:
                replicas = self.extract_replicas if name == "extract" else 1
                for i in range(replicas):
                    self.start_service(name, ports.get(name) or free_port(), replica=i,
                                       ingest_url=f"http://127.0.0.1:{ports['ingest']}",
                                       store_url=f"http://127.0.0.1:{ports['store']}")
            self.wait_ready(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def migrate(self) -> None:
        log = self.data_dir / "logs" / "migrate.log"
        with open(log, "ab") as out:
            done = subprocess.run([sys.executable, "-m", "newsevents.cli", "migrate"], env=self.base_env(),
                                  stdout=out, stderr=subprocess.STDOUT)
        if done.returncode:
            raise RuntimeError(f"migrations failed:\n{log.read_text('utf-8', errors='replace')[-2000:]}")

    def start_service(
        self, name: str, port: int, *, replica: int = 0, ingest_url: str = "", store_url: str = "",
        env: dict[str, str] | None = None,
    ) -> ServiceProcess:
        full = self.base_env() | {"NEWSEVENTS_PORT": str(port)}
        if name == "api":
            full |= {"NEWSEVENTS_INGEST_URL": ingest_url, "NEWSEVENTS_STORE_URL": store_url}
        full |= self.service_env.get(name, {}) | (env or {})
        proc = self._launch(name, port, replica, full)
        self.services.setdefault(name, []).append(proc)
        return proc

    def _launch(self, name: str, port: int, replica: int, env: dict[str, str]) -> ServiceProcess:
        suffix = f"-{replica + 1}" if name == "extract" else ""
        log = self.data_dir / "logs" / f"{name}{suffix}.log"
        with open(log, "ab") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "newsevents.cli", "serve", name],
                env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
        return ServiceProcess(name, port, process, log, replica, env)

    def process(self, name: str, replica: int = 0) -> ServiceProcess:
        """The current process of a service (after a restart: the new one)."""
        for proc in self.services.get(name, []):
            if proc.replica == replica:
                return proc
        raise KeyError(f"no {name} replica {replica}")

    def kill(self, name: str, replica: int = 0) -> ServiceProcess:
        """SIGKILL: the process ends at once, nothing of it runs any more (no drain, no ack)."""
        proc = self.process(name, replica)
        if proc.running:
            proc.process.kill()
        proc.process.wait()
        return proc

    def terminate(self, name: str, replica: int = 0, *, timeout: float = 40.0) -> int:
        """SIGTERM and wait: in-flight work finishes and the connection drains. Returns the exit code."""
        proc = self.process(name, replica)
        self.stop_service(proc, timeout=timeout)
        return proc.process.returncode

    def restart(
        self, name: str, replica: int = 0, *, env: dict[str, str | None] | None = None, timeout: float = 60.0,
        wait: bool = True,
    ) -> ServiceProcess:
        """Start a service again on the same port with the same settings (``env`` changes some; a
        ``None`` value removes one). A still-running process is stopped with SIGTERM first."""
        old = self.process(name, replica)
        self.stop_service(old)
        full = dict(old.env)
        for key, value in (env or {}).items():
            if value is None:
                full.pop(key, None)
            else:
                full[key] = value
        new = self._launch(name, old.port, replica, full)
        procs = self.services[name]
        procs[next(i for i, p in enumerate(procs) if p is old)] = new
        if wait:
            self.wait_ready(timeout, [new])
        return new

    def wait_ready(self, timeout: float = 60.0, procs: list[ServiceProcess] | None = None) -> None:
        deadline = time.monotonic() + timeout
        pending = list(procs) if procs is not None else [p for group in self.services.values() for p in group]
        with httpx.Client(timeout=2.0) as client:
            while pending:
                for proc in list(pending):
                    if proc.process.poll() is not None:
                        tail = proc.log.read_text("utf-8", errors="replace")[-2000:]
                        raise RuntimeError(f"{proc.name} exited with {proc.process.returncode}:\n{tail}")
                    try:
                        if client.get(f"{proc.url}/readyz").status_code == 200:
                            pending.remove(proc)
                    except httpx.HTTPError:
                        pass
                if pending and time.monotonic() > deadline:
                    raise RuntimeError(f"not ready in {timeout}s: {', '.join(p.name for p in pending)}")
                if pending:
                    time.sleep(0.1)

    def stop_service(self, proc: ServiceProcess, *, sig: int = signal.SIGTERM, timeout: float = 40.0) -> None:
        if proc.process.poll() is None:
            proc.process.send_signal(sig)
            try:
                proc.process.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.process.kill()
                proc.process.wait()

    def stop(self) -> None:
        """SIGTERM in reverse start order: the front door closes first, the store drains last."""
        for name in reversed(START_ORDER):
            for proc in self.services.get(name, []):
                if proc.process.poll() is None:
                    proc.process.send_signal(signal.SIGTERM)
            for proc in self.services.get(name, []):
                self.stop_service(proc)
        if self.nats is not None:
            self.nats.stop()

    def __enter__(self) -> "Pipeline":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
