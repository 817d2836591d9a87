"""The `revai-langid` console script, run against the fake server over loopback."""

from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from revai_langid import (
    LanguageIdClient,
    LanguageIdResult,
    _cli,
    _cli_batch,
    _cli_progress,
)
from revai_langid._cli import main
from revai_langid._cli_args import label_of
from revai_langid.testing import FakeRevAI

TOKEN = "tok-Zq8wX3vN7mK2pL5rT9yB"
SOURCE_AUTH_SECRET = "srcauth-Hh4Jk8Lm2Nn6Pp0Q"
FAST = ["--poll-interval", "0.05", "--wait-timeout", "10"]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeRevAI]:
    """The fake API (jobs complete at the second poll), named in the environment.

    Replaces conftest's `fake`: the script reads its settings from the environment.
    """
    with FakeRevAI(token=TOKEN, polls_until_complete=1) as server:
        monkeypatch.setenv("REVAI_BASE_URL", server.url)
        monkeypatch.setenv("REVAI_ACCESS_TOKEN", TOKEN)
        yield server


def make_wav(path: Path, seconds: float = 0.5) -> Path:
    """Write a silent mono 8 kHz WAV file of `seconds` length."""
    with wave.open(str(path), "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(b"\x00\x00" * int(8000 * seconds))
    return path


@pytest.fixture
def wav(tmp_path: Path) -> Path:
    """A small WAV file."""
    return make_wav(tmp_path / "recording.wav")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the script; check that no secret and no traceback reached any output."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    for text in (out, err):
        assert TOKEN not in text
        assert SOURCE_AUTH_SECRET not in text
        assert "Traceback" not in text
    return code, out, err


def submitted_id(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Submit with --json and return the new job's id."""
    code, out, _ = run(capsys, "--json", "submit", *argv)
    assert code == 0
    job_id = json.loads(out)["id"]
    assert isinstance(job_id, str)
    return job_id


def completed_id(capsys: pytest.CaptureFixture[str], fake: FakeRevAI, wav: Path) -> str:
    """Submit `wav` and complete its job at once."""
    job_id = submitted_id(capsys, str(wav))
    fake.complete_job(job_id)
    return job_id


def test_submit_file_prints_the_job_one_field_per_line(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "submit", str(wav), "--metadata", "batch 7")

    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["id:", fake.jobs[0]["id"]]
    assert "status:                     in_progress" in lines
    assert "metadata:                   batch 7" in lines
    created = next(line for line in lines if line.startswith("created_on:"))
    assert created.endswith("Z")
    assert fake.requests[-1].part("media") is not None


def test_submit_json_gives_iso_datetimes_and_every_field(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "submit", str(wav), "--json", "--delete-after-seconds", "60"
    )

    document = json.loads(out)
    assert code == 0
    assert document["status"] == "in_progress"
    assert document["delete_after_seconds"] == 60
    assert document["completed_on"] is None
    assert document["created_on"].startswith(fake.jobs[0]["created_on"][:19])


def test_submit_url_sends_source_auth_and_never_prints_it(
    fake: FakeRevAI, capsys: pytest.CaptureFixture[str]
) -> None:
    auth = f"Bearer {SOURCE_AUTH_SECRET}"
    argv = ["submit", "https://media.example/a.mp3", "--source-auth", auth]

    code, out, _ = run(capsys, *argv, "--notification-url", "https://hook.example/")

    body = fake.requests[-1].json()
    assert code == 0
    assert "in_progress" in out
    assert body["source_config"]["url"] == "https://media.example/a.mp3"
    assert body["source_config"]["auth_headers"] == {"Authorization": auth}
    assert body["notification_config"]["url"] == "https://hook.example/"


def test_submit_file_with_source_auth_is_a_usage_error(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["submit", str(wav), "--source-auth", f"Bearer {SOURCE_AUTH_SECRET}"]

    code, _, err = run(capsys, *argv)

    assert code == 2
    assert "--source-auth applies only to a URL source" in err
    assert fake.requests == []


def test_submit_reports_upload_progress_to_the_display(
    fake: FakeRevAI,
    wav: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[int, int | None]] = []

    class Recording(_cli_progress.Task):
        def uploaded(self, sent: int, total: int | None) -> None:
            seen.append((sent, total))

    class Shown(_cli_progress.Display):
        def task(self, label: str, total: int | None = None) -> _cli_progress.Task:
            return Recording()

    monkeypatch.setattr(_cli, "open_display", Shown)

    code, _, _ = run(capsys, "submit", str(wav))

    size = wav.stat().st_size
    assert code == 0
    assert seen
    assert seen[-1] == (size, size)


def test_get_prints_the_job_and_json_parses(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job_id = completed_id(capsys, fake, wav)

    _, readable, _ = run(capsys, "get", job_id)
    code, out, _ = run(capsys, "get", job_id, "--json")

    assert code == 0
    assert "status:                     completed" in readable.splitlines()
    assert "processed_duration_seconds: 0.5" in readable.splitlines()
    document = json.loads(out)
    assert document["id"] == job_id
    assert document["completed_on"].endswith("Z")


def test_get_escapes_control_characters_in_readable_output(
    fake: FakeRevAI, capsys: pytest.CaptureFixture[str]
) -> None:
    job_id = fake.add_job(
        {
            "id": "evil",
            "status": "in_progress",
            "created_on": "2024-01-02T03:04:05.06Z",
            "metadata": "\x1b[2Jgone\nfake: line",
        }
    )

    code, out, _ = run(capsys, "get", job_id)

    assert code == 0
    assert "\x1b" not in out
    assert "metadata:                   \\x1b[2Jgone\\nfake: line" in out.splitlines()


def test_wait_polls_until_the_job_completes(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job_id = submitted_id(capsys, str(wav))

    code, out, err = run(capsys, "wait", job_id, *FAST)

    assert code == 0
    assert err == ""
    assert "status:                     completed" in out.splitlines()
    polls = [r for r in fake.requests if r.method == "GET" and r.path.endswith(job_id)]
    assert len(polls) == 2


def test_wait_for_a_failed_job_prints_it_and_exits_1(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job_id = submitted_id(
        capsys, str(wav), "--metadata", "fake-fail=insufficient_balance"
    )

    code, out, err = run(capsys, "--json", "wait", job_id, *FAST)

    assert code == 1
    assert json.loads(out)["failure"] == "insufficient_balance"
    assert err.count("\n") == 1
    assert err.startswith("revai-langid: error: Job ")
    assert "insufficient_balance" in err


def test_wait_timeout_is_an_error(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job_id = submitted_id(capsys, str(wav))
    fake.inject("GET", f"/languageid/v1/jobs/{job_id}", delay=0.3, times=5)

    code, _, err = run(
        capsys, "wait", job_id, "--wait-timeout", "0.2", "--poll-interval", "0.05"
    )

    assert code == 1
    assert err.startswith("revai-langid: error: ")
    assert err.count("\n") == 1


def test_result_prints_the_ranked_languages(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job_id = completed_id(capsys, fake, wav)

    code, out, _ = run(capsys, "result", job_id)

    assert code == 0
    assert out.splitlines() == [
        f"{job_id}: en (0.91)",
        "  en  0.91",
        "  es  0.05",
        "  fr  0.04",
    ]


def test_result_json_holds_the_job_id_and_confidences(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job_id = completed_id(capsys, fake, wav)

    code, out, _ = run(capsys, "--json", "result", job_id)

    assert code == 0
    assert json.loads(out) == {
        "job_id": job_id,
        "top_language": "en",
        "language_confidences": [
            {"language": "en", "confidence": 0.91},
            {"language": "es", "confidence": 0.05},
            {"language": "fr", "confidence": 0.04},
        ],
    }


def test_result_of_a_running_job_is_an_error(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job_id = submitted_id(capsys, str(wav))

    code, out, err = run(capsys, "result", job_id)

    assert code == 1
    assert out == ""
    assert err.startswith("revai-langid: error: ")
    assert "409" in err


def test_list_prints_one_line_per_job_newest_first(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = submitted_id(capsys, str(wav), "--metadata", "one")
    second = submitted_id(capsys, str(wav))

    code, out, _ = run(capsys, "list")

    lines = out.splitlines()
    assert code == 0
    assert [line.split()[0] for line in lines] == [second, first]
    assert lines[1].split()[1] == "in_progress"
    assert lines[1].split()[2].endswith("Z")
    assert lines[1].split()[3] == "one"


def test_list_passes_limit_and_starting_after(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = [submitted_id(capsys, str(wav)) for _ in range(3)]

    code, out, _ = run(capsys, "list", "--limit", "1", "--starting-after", ids[2])

    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [ids[1]]
    assert fake.requests[-1].query == {"limit": ["1"], "starting_after": [ids[2]]}


def test_list_all_follows_every_page_and_prints_one_json_array(
    fake: FakeRevAI,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_cli, "PAGE_SIZE", 2)
    for number in range(5):
        fake.add_job(
            {
                "id": f"job{number}",
                "status": "completed",
                "created_on": f"2024-01-0{number + 1}T00:00:00Z",
            }
        )

    code, out, _ = run(capsys, "list", "--all", "--json")

    jobs = json.loads(out)
    assert code == 0
    assert [job["id"] for job in jobs] == ["job4", "job3", "job2", "job1", "job0"]
    assert jobs[0]["created_on"] == "2024-01-05T00:00:00Z"
    assert len([r for r in fake.requests if r.method == "GET"]) == 3


def test_list_refuses_limit_together_with_all(
    fake: FakeRevAI, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "list", "--all", "--limit", "5")

    assert code == 2
    assert "not allowed with argument" in err


def test_delete_removes_the_job(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job_id = completed_id(capsys, fake, wav)

    code, out, _ = run(capsys, "delete", job_id)
    again, _, err = run(capsys, "--json", "delete", job_id)

    assert code == 0
    assert out == f"Deleted job {job_id}.\n"
    assert fake.jobs == []
    assert again == 1
    assert "404" in err


def test_delete_json_confirms(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job_id = completed_id(capsys, fake, wav)

    code, out, _ = run(capsys, "delete", job_id, "--json")

    assert code == 0
    assert json.loads(out) == {"job_id": job_id, "deleted": True}


def test_identify_one_source_prints_top_language_and_ranking(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "identify", str(wav), *FAST)

    assert code == 0
    assert err == ""
    assert out.splitlines() == [
        f"{wav}: en (0.91)",
        "  en  0.91",
        "  es  0.05",
        "  fr  0.04",
    ]


def test_identify_several_sources_reports_each_and_survives_a_missing_file(
    fake: FakeRevAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = [str(make_wav(tmp_path / f"clip{n}.wav")) for n in range(3)]
    missing = str(tmp_path / "missing.wav")

    code, out, err = run(
        capsys, "--json", "identify", good[0], missing, *good[1:], *FAST
    )

    documents = {doc["source"]: doc for doc in map(json.loads, out.splitlines())}
    assert code == 1
    assert set(documents) == {*good, missing}
    assert documents[missing]["error"]["type"] == "InvalidArgumentError"
    assert "missing.wav" in documents[missing]["error"]["message"]
    for source in good:
        assert documents[source]["top_language"] == "en"
        assert documents[source]["job_id"] in {job["id"] for job in fake.jobs}
        assert documents[source]["language_confidences"][0]["confidence"] == 0.91
    assert err.splitlines() == [
        f"revai-langid: error: {missing}: " + documents[missing]["error"]["message"]
    ]


def test_identify_readable_prints_one_line_per_source(
    fake: FakeRevAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = make_wav(tmp_path / "first.wav")
    second = make_wav(tmp_path / "second.wav")
    argv = [str(first), str(second), "--metadata", "fake-language=de", *FAST]

    code, out, err = run(capsys, "identify", *argv)

    assert code == 0
    assert err == ""
    assert sorted(out.splitlines()) == [f"{first}: de (0.91)", f"{second}: de (0.91)"]


def test_identify_failed_job_gives_its_error_and_exit_1(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [str(wav), "--metadata", "fake-fail=internal_processing", *FAST]

    code, out, err = run(capsys, "identify", *argv)

    assert code == 1
    assert out == ""
    assert err.startswith(f"revai-langid: error: {wav}: Job ")
    assert "internal_processing" in err


def test_identify_with_delete_deletes_each_job_after_its_result(
    fake: FakeRevAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = [str(make_wav(tmp_path / f"{n}.wav")) for n in range(2)]

    code, out, _ = run(capsys, "identify", *sources, "--delete", "--json", *FAST)

    assert code == 0
    assert len(out.splitlines()) == 2
    assert fake.jobs == []
    assert len([r for r in fake.requests if r.method == "DELETE"]) == 2


def test_identify_url_source_sends_source_auth(
    fake: FakeRevAI, capsys: pytest.CaptureFixture[str]
) -> None:
    auth = f"Bearer {SOURCE_AUTH_SECRET}"
    url = "https://media.example/talk.mp3?sig=abc"

    code, out, _ = run(capsys, "identify", url, "--source-auth", auth, *FAST)

    submit = next(r for r in fake.requests if r.method == "POST")
    assert code == 0
    assert out.startswith(f"{url}: en (0.91)")
    assert submit.json()["source_config"]["auth_headers"] == {"Authorization": auth}


def test_identify_runs_no_more_than_concurrency_sources_at_once(
    fake: FakeRevAI, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    running = 0
    peak = 0

    async def pretend(client: Any, source: str, args: Any, task: Any) -> Any:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.02)
        running -= 1
        result = LanguageIdResult(top_language="en", language_confidences=[])
        return _cli_batch.Outcome(source=source, job_id="x", result=result)

    monkeypatch.setattr(_cli_batch, "identify_one", pretend)
    sources = [f"s{n}.wav" for n in range(7)]

    code, out, _ = run(capsys, "identify", *sources, "--concurrency", "3")

    assert code == 0
    assert peak == 3
    assert sorted(out.splitlines()) == sorted(f"{s}: en" for s in sources)


def test_wrong_token_gives_one_error_line_and_exit_1(
    fake: FakeRevAI, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = "tok-wrong-Vb7Nm3Kq9Xz1"
    monkeypatch.setenv("REVAI_ACCESS_TOKEN", wrong)

    code, out, err = run(capsys, "list")

    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("revai-langid: error: ")
    assert "401" in err
    assert wrong not in err


def test_token_flag_overrides_the_environment(
    fake: FakeRevAI, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REVAI_ACCESS_TOKEN", "tok-wrong-Vb7Nm3Kq9Xz1")

    code, _, _ = run(capsys, "--token", TOKEN, "list")

    assert code == 0
    assert fake.requests[-1].headers["authorization"] == f"Bearer {TOKEN}"


def test_global_options_work_after_the_command(
    fake: FakeRevAI, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REVAI_ACCESS_TOKEN")
    monkeypatch.delenv("REVAI_BASE_URL")
    argv = ["--token", TOKEN, "--base-url", fake.url, "--timeout", "5"]

    code, out, _ = run(capsys, "list", *argv, "--max-retries", "0", "--json")

    assert code == 0
    assert json.loads(out) == []


def test_global_options_before_the_command_survive_its_defaults(
    fake: FakeRevAI, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REVAI_BASE_URL")

    code, out, _ = run(capsys, "--json", "--base-url", fake.url, "list")

    assert code == 0
    assert json.loads(out) == []


def test_missing_token_is_a_configuration_error(
    fake: FakeRevAI, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REVAI_ACCESS_TOKEN")

    code, _, err = run(capsys, "get", "abc")

    assert code == 1
    assert err.startswith("revai-langid: error: No Rev AI access token")
    assert fake.requests == []


def test_plain_http_to_a_remote_host_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REVAI_ACCESS_TOKEN", TOKEN)

    code, _, err = run(capsys, "--base-url", "http://api.example", "get", "abc")

    assert code == 1
    assert "plain http" in err


def test_base_url_and_region_together_are_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "--region", "eu", "--base-url", "https://x", "get", "a")

    assert code == 2
    assert "not both" in err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["get"],
        ["list", "--limit", "1001"],
        ["wait", "abc", "--poll-interval", "0"],
        ["identify", "a.wav", "--concurrency", "0"],
        ["--timeout", "nan", "get", "abc"],
        ["--region", "mars", "get", "abc"],
    ],
)
def test_usage_errors_exit_2_with_a_message(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *argv)

    assert code == 2
    assert out == ""
    assert "error:" in err


def test_usage_error_masks_secret_values(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["get", "abc", f"--source-auth=Bearer {SOURCE_AUTH_SECRET}", "--tokn", TOKEN]

    code, _, err = run(capsys, *argv)

    assert code == 2
    assert "unrecognized arguments" in err
    assert "***" in err


def test_help_and_version_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    help_code, help_out, _ = run(capsys, "--help")
    version_code, version_out, _ = run(capsys, "--version")

    assert help_code == version_code == 0
    for command in ("submit", "get", "wait", "result", "list", "delete", "identify"):
        assert command in help_out
    assert version_out.startswith("revai-langid ")


def test_keyboard_interrupt_exits_130(
    fake: FakeRevAI, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self: LanguageIdClient, job_id: str, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(LanguageIdClient, "get_job", interrupted)

    code, _, err = run(capsys, "get", "abc")

    assert code == 130
    assert err == "revai-langid: error: interrupted\n"


def test_no_progress_is_drawn_off_a_terminal(
    fake: FakeRevAI, wav: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    display = _cli_progress.open_display()

    code, _, err = run(capsys, "identify", str(wav), *FAST)

    assert type(display) is _cli_progress.Display
    assert code == 0
    assert err == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_without_touching_stdout(
    fake: FakeRevAI, wav: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal, stdout = _Terminal(), io.StringIO()
    for variable in ("TTY_COMPATIBLE", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(sys, "stdout", stdout)

    code = main(["identify", str(wav), *FAST])

    assert code == 0
    assert "recording.wav" in terminal.getvalue()
    assert stdout.getvalue().startswith(f"{wav}: en (0.91)")


def test_no_progress_without_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", _Terminal())
    monkeypatch.setitem(sys.modules, "rich.progress", None)

    display = _cli_progress.open_display()

    assert type(display) is _cli_progress.Display


def test_progress_labels_leave_out_url_credentials() -> None:
    url = "https://user:pw@media.example:8443/a.mp3?X-Amz-Signature=abc#t"

    assert label_of(url) == "https://media.example:8443/a.mp3"
    assert label_of("dir/a?.wav") == "dir/a?.wav"


def test_installed_console_script_runs(
    fake: FakeRevAI, wav: Path, tmp_path: Path
) -> None:
    script = Path(sys.executable).with_name("revai-langid")
    env = {**os.environ, "REVAI_BASE_URL": fake.url, "REVAI_ACCESS_TOKEN": TOKEN}

    done = subprocess.run(
        [str(script), "--json", "identify", str(wav), *FAST],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    failed = subprocess.run(
        [str(script), "get", "nope"],
        env={**env, "REVAI_ACCESS_TOKEN": "tok-wrong-Vb7Nm3Kq9Xz1"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["top_language"] == "en"
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert failed.stderr.startswith("revai-langid: error: ")
    assert failed.stderr.count("\n") == 1
    for text in (done.stdout, done.stderr, failed.stdout, failed.stderr):
        assert TOKEN not in text
        assert "Traceback" not in text


def test_a_misspelt_token_option_does_not_echo_its_value(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = main(["--tok", "SECRET-VALUE-42", "--bogus"])
    captured = capsys.readouterr()
    assert status == 2
    assert "SECRET-VALUE-42" not in captured.out + captured.err


@pytest.mark.parametrize("option", ["--tokn", "--tokne", "--source-auht"])
def test_a_misspelt_secret_option_before_the_command_is_masked(
    capsys: pytest.CaptureFixture[str], option: str
) -> None:
    status = main([option, "SECRET-VALUE-42", "list"])
    captured = capsys.readouterr()

    assert status == 2
    assert "SECRET-VALUE-42" not in captured.out + captured.err


def test_words_of_a_bad_token_are_not_masked_in_ordinary_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = main(["--token", "bad token", "list"])
    captured = capsys.readouterr()

    assert status == 1
    assert "access token" in captured.err
    assert "bad token" not in captured.err


def test_output_the_terminal_cannot_encode_is_escaped(
    fake: FakeRevAI, wav: Path
) -> None:
    script = Path(sys.executable).with_name("revai-langid")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    subprocess.run(
        [str(script), "submit", str(wav), "--metadata", "日本語 café"],
        env=env,
        capture_output=True,
        timeout=60,
        check=True,
    )

    listed = subprocess.run(
        [str(script), "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert listed.returncode == 0, listed.stderr
    assert "Traceback" not in listed.stderr
    assert "\\u65e5" in listed.stdout or "\\xe9" in listed.stdout


@pytest.mark.parametrize("option", ["--access-token", "--bearer", "-token"])
def test_the_value_of_any_unknown_option_before_the_command_is_masked(
    capsys: pytest.CaptureFixture[str], option: str
) -> None:
    status = main([option, "SECRET-VALUE-42", "list"])
    captured = capsys.readouterr()

    assert status == 2
    assert "SECRET-VALUE-42" not in captured.out + captured.err


def test_a_token_that_is_not_utf8_is_a_one_line_error(fake: FakeRevAI) -> None:
    script = Path(sys.executable).with_name("revai-langid")
    failed = subprocess.run(
        [str(script), "--token", os.fsdecode(b"a\xffb"), "list"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert failed.stderr.count("\n") == 1
