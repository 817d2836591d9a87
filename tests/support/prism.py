"""Running the Prism mock server of `openapi.yaml` on a loopback port.

Prism 5 validates each request against the spec. With `--errors` a request that
breaks the spec gets an error answer instead of a mocked one, and every answer
to such a request carries an `sl-violations` header listing what was wrong; when
the operation documents a 4xx status (a 400, a 401), that status is what Prism
answers, so the header, not the status, tells a violation from a documented
error. Prism's own errors (an undocumented `Prefer` code, no matching path) are
problem documents whose `type` starts with `PRISM_ERROR_TYPE`.
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx

from .spec import ROOT, SPEC_PATH

PRISM = ROOT / "node_modules" / ".bin" / "prism"
PRISM_ERROR_TYPE = "https://stoplight.io/prism/errors#"
STARTUP_SECONDS = 60.0


def free_port() -> int:
    """A port nothing listens on right now (the OS may hand it out again)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Prism:
    """One `prism mock` process; stop it with `stop()`.

    Args:
        log: File that receives Prism's output.
        *options: More command-line options, e.g. "--dynamic".
    """

    def __init__(self, log: Path, *options: str) -> None:
        self.port = free_port()
        self.log = log
        command = [str(PRISM), "mock", str(SPEC_PATH), "-h", "127.0.0.1"]
        command += ["-p", str(self.port), "--errors", *options]
        with log.open("wb") as output:
            self._process = subprocess.Popen(
                command, stdout=output, stderr=subprocess.STDOUT, cwd=ROOT
            )

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:4010."""
        return f"http://127.0.0.1:{self.port}"

    def wait_until_ready(self) -> None:
        """Return once Prism answers HTTP; raise with its log if it never does."""
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"prism exited early:\n{self.log_tail()}")
            with contextlib.suppress(httpx.TransportError):
                httpx.get(f"{self.url}/languageid/v1/jobs", timeout=1.0)
                return
            time.sleep(0.2)
        raise RuntimeError(f"prism did not answer in time:\n{self.log_tail()}")

    def stop(self) -> None:
        """End the process this object started, and wait for it."""
        self._process.terminate()
        try:
            self._process.wait(10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(10)

    def log_tail(self, lines: int = 40) -> str:
        """The last lines Prism printed."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def start_prism(log: Path, *options: str, attempts: int = 3) -> Prism:
    """A running Prism, retried on a new port if the first one was taken."""
    error: RuntimeError | None = None
    for _ in range(attempts):
        prism = Prism(log, *options)
        try:
            prism.wait_until_ready()
        except RuntimeError as exc:
            prism.stop()
            error = exc
            continue
        return prism
    assert error is not None
    raise error


class ViolationLog:
    """An httpx response hook that keeps the request violations Prism reports.

    Attributes:
        seen: (method, path, violations) of every answer, violations parsed from
            `sl-violations` (empty when the request was valid).
    """

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, list[dict[str, Any]]]] = []

    def __call__(self, response: httpx.Response) -> None:
        header = response.headers.get("sl-violations")
        violations = json.loads(header) if header else []
        request = response.request
        self.seen.append((request.method, request.url.path, violations))

    def hooks(self) -> dict[str, list[Any]]:
        """The `event_hooks` argument of an httpx client."""
        return {"response": [self]}

    async def async_hook(self, response: httpx.Response) -> None:
        """The same hook for an `httpx.AsyncClient`."""
        self(response)
