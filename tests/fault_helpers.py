"""A Redis of the test's own and a TCP proxy the test controls, to pull services away."""

import contextlib
import shutil
import socket
import subprocess
import threading
import time

import pytest


def free_port(preferred: int) -> int:
    """The preferred port if it is free, else any free one."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", preferred))
        except OSError:
            probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answered on port {port}")


class RedisServer:
    """redis-server on its own port, never the shared one; stop() pulls it away."""

    def __init__(self, port: int):
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("redis-server is not installed")
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(port)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class BlackHoleProxy:
    """Forwards TCP to a server until black_hole(): then every connection it holds is cut
    and new ones are accepted and never answered, like a network that drops packets."""

    def __init__(self, target_host: str, target_port: int, port: int):
        self.target = (target_host, target_port)
        self.port = port
        self.dropping = threading.Event()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", port))
        threading.Thread(target=self._accept, daemon=True).start()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self._track(client)
            if self.dropping.is_set():
                continue  # held open, never answered
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            self._track(server)
            threading.Thread(target=self._pipe, args=(client, server), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                if self.dropping.is_set():
                    return
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def black_hole(self) -> None:
        self.dropping.set()
        with self._lock:
            held, self._sockets = self._sockets, []
        for sock in held:
            try:
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            except OSError:
                pass

    def restore(self) -> None:
        with self._lock:
            held, self._sockets = self._sockets, []
        self.dropping.clear()
        for sock in held:  # the silent connections made while black-holed
            with contextlib.suppress(OSError):
                sock.close()

    def close(self) -> None:
        self.black_hole()
        self._listener.close()
