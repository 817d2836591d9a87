"""Fail unless the installed generator tools match requirements/generate.txt.

`make generate` and `make check-generated` run it first: a virtual environment
built before a pin changed would otherwise write different bytes and report them
as a stale generated/ folder.
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PINS = Path(__file__).resolve().parent.parent / "requirements" / "generate.txt"


def pinned(path: Path) -> dict[str, str]:
    """The `name==version` lines of a requirements file, by package name."""
    pins = {}
    for line in path.read_text().splitlines():
        name, separator, wanted = line.partition("#")[0].strip().partition("==")
        if separator:
            pins[name] = wanted
    return pins


def mismatches(pins: dict[str, str]) -> list[str]:
    """One line for each package whose installed version is not the pinned one."""
    found = []
    for name, wanted in sorted(pins.items()):
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "not installed"
        if installed != wanted:
            found.append(f"{name}: pinned {wanted}, installed {installed}")
    return found


def main() -> int:
    """Print the mismatches and return 1 if there are any."""
    problems = mismatches(pinned(PINS))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("Rebuild the environment: rm -rf .venv && make generate", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
