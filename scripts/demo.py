"""The end-to-end demo behind `make demo`.

Starts the bundled fake Rev AI server in its own process, runs the real console
script `revai-langid identify` on a real speech recording against it (upload,
polling, result, delete), prints what the script printed, and stops the server.
Against the real service only REVAI_BASE_URL and REVAI_ACCESS_TOKEN change.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORDING = ROOT / "tests" / "data" / "hello-en.wav"


def start_fake_server() -> tuple[subprocess.Popen[str], dict[str, str]]:
    """Start `python -m revai_langid.testing` and read the settings it prints."""
    server = subprocess.Popen(
        [sys.executable, "-m", "revai_langid.testing", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    settings: dict[str, str] = {}
    while len(settings) < 2:
        line = server.stdout.readline()
        if not line:
            server.wait()
            raise SystemExit("the fake server stopped before printing its URL")
        name, _, value = line.strip().partition("=")
        settings[name] = value
    return server, settings


def main() -> int:
    """Run the demo; returns the exit status of `revai-langid identify`."""
    cli = shutil.which("revai-langid", path=str(Path(sys.executable).parent))
    if cli is None:
        raise SystemExit("revai-langid is not installed; run `make demo`")
    server, settings = start_fake_server()
    try:
        print(f"Fake Rev AI server at {settings['REVAI_BASE_URL']}")
        print(f"Identifying the language of {RECORDING.relative_to(ROOT)} ...\n")
        env = {**os.environ, **settings}
        identify = [
            cli,
            "identify",
            str(RECORDING),
            "--delete",
            "--poll-interval",
            "0.2",
        ]
        status = subprocess.run(identify, env=env, check=False).returncode
        remaining = subprocess.run(
            [cli, "list", "--json"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        print(f"\nJobs left on the server after --delete: {remaining.stdout.strip()}")
        return status or remaining.returncode
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
