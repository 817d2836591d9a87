"""generated/ is exactly what the pinned generator writes, and its fixes hold."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import httpx
import pytest

from revai_langid_api import AuthenticatedClient
from revai_langid_api.api.jobs import get_job_by_id, submit_job
from revai_langid_api.models import (
    LanguageIdJob,
    SubmitJobFileRequest,
    SubmitJobOptions,
)
from revai_langid_api.types import File

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PINNED_FILES = [
    "Makefile", "openapi.yaml", "generator-config.yaml", "pyproject.toml",
    "README.md", "requirements", "templates", "generated", "scripts",
]  # fmt: skip


def _check_generated(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "check-generated", "STAMP=", f"BIN={BIN}"],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("tree")
    for name in PINNED_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, tree / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, tree / name)
    return tree


def test_check_generated_passes_on_the_committed_tree(tree_copy: Path) -> None:
    result = _check_generated(tree_copy)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_generated_names_a_hand_edited_file(tree_copy: Path) -> None:
    edited = tree_copy / "generated/revai_langid_api/api/jobs/get_job_by_id.py"
    original = edited.read_text()
    edited.write_text(original.replace("Keyword arguments", "Hand-edited arguments"))
    try:
        result = _check_generated(tree_copy)
    finally:
        edited.write_text(original)
    assert result.returncode != 0
    assert "get_job_by_id.py" in result.stdout + result.stderr


def test_check_generated_names_an_added_file(tree_copy: Path) -> None:
    extra = tree_copy / "generated/revai_langid_api/extra.py"
    extra.write_text("x = 1\n")
    try:
        result = _check_generated(tree_copy)
    finally:
        extra.unlink()
    assert result.returncode != 0
    assert "extra.py" in result.stdout + result.stderr


def test_multipart_submit_leaves_the_boundary_to_httpx() -> None:
    body = SubmitJobFileRequest(
        media=File(payload=open(__file__, "rb"), file_name="a.wav"),  # noqa: SIM115
        options=SubmitJobOptions(delete_after_seconds=0),
    )
    kwargs = submit_job.build_request_kwargs(body=body)
    body.media.payload.close()
    assert "Content-Type" not in kwargs["headers"]


@pytest.mark.parametrize(
    ("job_id", "segment"),
    [
        ("ab/../x?y#z", "ab%2F..%2Fx%3Fy%23z"),
        ("..", "%2E%2E"),
        (".", "%2E"),
        ("a b%", "a%20b%25"),
    ],
)
def test_path_parameters_stay_one_segment(job_id: str, segment: str) -> None:
    url = get_job_by_id.build_request_kwargs(job_id)["url"]
    assert url == f"/languageid/v1/jobs/{segment}"


def test_generated_package_ships_py_typed() -> None:
    assert (ROOT / "generated/revai_langid_api/py.typed").is_file()


def test_authenticated_client_keeps_the_token_out_of_repr() -> None:
    client = AuthenticatedClient("https://api.rev.ai", token="tok-CANARY-42")
    client = client.with_headers({"X-Trace": "1"})
    http = client.get_httpx_client()
    assert http.headers["Authorization"] == "Bearer tok-CANARY-42"
    assert http.headers["X-Trace"] == "1"
    assert "CANARY" not in repr(client)
    http.close()


def test_generated_functions_send_the_token_and_parse_the_job() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200,
            json={
                "id": "a",
                "created_on": "2018-05-05T23:23:22.29Z",
                "status": "completed",
            },
        )

    client = AuthenticatedClient("https://api.rev.ai", token="tok")
    client.set_httpx_client(
        httpx.Client(
            base_url="https://api.rev.ai",
            transport=httpx.MockTransport(answer),
            headers={"Authorization": "Bearer tok"},
        )
    )
    job = get_job_by_id.sync("a", client=client)
    assert isinstance(job, LanguageIdJob)
    assert job.id == "a"
    assert seen[0].url.path == "/languageid/v1/jobs/a"


def test_generator_tools_match_their_pins() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check_pins.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_pin_check_names_a_drifted_tool(tmp_path: Path) -> None:
    pins = tmp_path / "generate.txt"
    pins.write_text("ruff==0.0.1  # not what is installed\n")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import check_pins
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    problems = check_pins.mismatches(check_pins.pinned(pins))
    assert problems == [f"ruff: pinned 0.0.1, installed {version('ruff')}"]


def test_a_failed_generation_leaves_generated_untouched(tree_copy: Path) -> None:
    spec = tree_copy / "openapi.yaml"
    original = spec.read_text()
    before = sorted(
        (path.relative_to(tree_copy), path.read_bytes())
        for path in (tree_copy / "generated").rglob("*.py")
    )
    broken = original.replace(
        '"#/components/schemas/JobStatus"', '"#/components/schemas/JobStatuss"', 1
    )
    spec.write_text(broken)
    try:
        result = subprocess.run(
            ["make", "-s", "generate", "STAMP=", f"BIN={BIN}"],
            cwd=tree_copy,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
    finally:
        spec.write_text(original)
    after = sorted(
        (path.relative_to(tree_copy), path.read_bytes())
        for path in (tree_copy / "generated").rglob("*.py")
    )
    assert result.returncode != 0
    assert after == before
