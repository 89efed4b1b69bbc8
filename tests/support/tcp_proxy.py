"""A TCP proxy the test can cut: the database "goes away" for a while, then comes back.

``cut()`` closes every proxied connection and the listening socket (new connections are refused,
as with a database host that is down); ``restore()`` listens again on the same port. One thread
moves the bytes with a selector; enough for a database connection pool on the loopback.
"""

from __future__ import annotations

import selectors
import socket
import threading


class TcpProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self.connections = 0  # accepted so far
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def start(self) -> "TcpProxy":
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, args=(listener,), name="tcp-proxy", daemon=True)
        self._thread.start()
        return self

    def cut(self) -> None:
        """Drop every connection and refuse new ones until ``restore()``."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def restore(self) -> None:
        self.start()

    @property
    def cut_off(self) -> bool:
        return self._thread is None

    stop = cut

    def _run(self, listener: socket.socket) -> None:
        sel = selectors.DefaultSelector()
        sel.register(listener, selectors.EVENT_READ, None)
        peers: dict[socket.socket, socket.socket] = {}

        def close(sock: socket.socket) -> None:
            other = peers.pop(sock, None)
            for s in (sock, other):
                if s is None:
                    continue
                peers.pop(s, None)
                try:
                    sel.unregister(s)
                except (KeyError, ValueError):
                    pass
                s.close()

        try:
            while not self._stop.is_set():
                for key, _ in sel.select(timeout=0.05):
                    sock = key.fileobj
                    if sock is listener:
                        client, _ = listener.accept()
                        try:
                            upstream = socket.create_connection(self.target, timeout=5)
                        except OSError:
                            client.close()
                            continue
                        upstream.settimeout(None)
                        self.connections += 1
                        peers[client], peers[upstream] = upstream, client
                        sel.register(client, selectors.EVENT_READ, None)
                        sel.register(upstream, selectors.EVENT_READ, None)
                        continue
                    if sock not in peers:
                        continue
                    try:
                        data = sock.recv(65536)
                        if data:
                            peers[sock].sendall(data)
                            continue
                    except OSError:
                        pass
                    close(sock)
        finally:
            for sock in list(peers):
                close(sock)
            sel.close()
            listener.close()
