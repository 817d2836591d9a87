"""The two packages work when copied side by side into another tree."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
import revai_langid, revai_langid_api
from revai_langid.testing import FakeRevAI
for module in (revai_langid, revai_langid_api):
    assert module.__file__.startswith(sys.argv[1]), module.__file__
with FakeRevAI(polls_until_complete=1) as fake:
    with revai_langid.LanguageIdClient(fake.token, base_url=fake.url) as client:
        result = client.identify(sys.argv[2], poll_interval=0.01)
print(result.top_language)
"""


def _copy_packages(vendor: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__")
    for source in ("facade/revai_langid", "generated/revai_langid_api"):
        shutil.copytree(ROOT / source, vendor / Path(source).name, ignore=ignore)


def _run_identify(script: str, path_entry: Path) -> str:
    recording = ROOT / "tests/data/hello-en.wav"
    output = subprocess.run(
        [sys.executable, "-c", script, str(path_entry), str(recording)],
        cwd=path_entry,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert output.returncode == 0, output.stderr
    return output.stdout.strip()


def test_copied_packages_identify_a_recording(tmp_path: Path) -> None:
    _copy_packages(tmp_path)
    assert _run_identify(SCRIPT, tmp_path) == "en"


NESTED_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
from myapp._vendor import revai_langid
from myapp._vendor.revai_langid import _bindings
from myapp._vendor.revai_langid.testing import FakeRevAI
assert _bindings.PACKAGE == "myapp._vendor.revai_langid_api", _bindings.PACKAGE
assert _bindings.models.__name__.startswith("myapp._vendor."), _bindings.models
with FakeRevAI(polls_until_complete=1) as fake:
    with revai_langid.LanguageIdClient(fake.token, base_url=fake.url) as client:
        result = client.identify(sys.argv[2], poll_interval=0.01)
print(result.top_language)
"""


def test_packages_vendored_inside_another_package_use_each_other(
    tmp_path: Path,
) -> None:
    vendor = tmp_path / "myapp" / "_vendor"
    _copy_packages(vendor)
    (tmp_path / "myapp" / "__init__.py").write_text("")
    (vendor / "__init__.py").write_text("")
    assert _run_identify(NESTED_SCRIPT, tmp_path) == "en"
