"""`make demo`'s script identifies the bundled recording end to end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_demo_prints_the_language_and_leaves_no_job() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts/demo.py")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "hello-en.wav: en (0.91)" in run.stdout
    assert "Jobs left on the server after --delete: []" in run.stdout
    assert "Traceback" not in run.stderr
