"""The `revai-langid` console script.

::

    revai-langid submit recording.wav          # or an http(s) URL
    revai-langid wait JOB_ID
    revai-langid result JOB_ID
    revai-langid identify *.wav --concurrency 8 --json

Every command prints readable text, or JSON with `--json`. A library error becomes
one line `revai-langid: error: <message>` on stderr and exit status 1; a usage
error exits with 2, an interrupt with 130. Neither the access token nor a
--source-auth value is ever printed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence

from ._cli_args import (
    build_parser,
    client_options,
    secrets_in,
    submit_options,
    unrecognized,
)
from ._cli_batch import run_identify
from ._cli_output import (
    Printer,
    job_json,
    job_lines,
    job_row,
    result_json,
    result_lines,
)
from ._cli_progress import open_display
from ._client import LanguageIdClient
from ._common import is_http_url, submits_by_url
from ._errors import JobFailedError, RevAIError
from ._models import Job, JobStatus

__all__ = ["main"]

PAGE_SIZE = 1000
"""Jobs asked for per request by `list --all`: the most the API serves."""

Command = Callable[[argparse.Namespace, Printer], int]
"""A command: runs with the parsed command line, prints, returns the exit status."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the console script.

    Args:
        argv: The arguments after the program name; default: `sys.argv[1:]`.

    Returns:
        The exit status: 0 on success, 1 on an error, 2 on a usage error, 130
        when interrupted.
    """
    with _tolerating_unencodable_output():
        return _main(list(sys.argv[1:] if argv is None else argv))


def _main(arguments: list[str]) -> int:
    secrets = secrets_in(arguments)
    parsed = _parse(arguments, secrets)
    if isinstance(parsed, int):
        return parsed
    printer = Printer(json=parsed.json, secrets=tuple(secrets))
    try:
        return _COMMANDS[parsed.command](parsed, printer)
    except RevAIError as error:
        printer.error(error.message)
    except KeyboardInterrupt:
        printer.error("interrupted")
        return 130
    except BrokenPipeError:
        _silence_stdout()
    return 1


def _parse(arguments: list[str], secrets: list[str]) -> argparse.Namespace | int:
    """The parsed command line, or the exit status of --help, --version or an error."""
    parser = build_parser(secrets)
    try:
        args, extras = parser.parse_known_args(arguments)
        if extras:
            parser.error(unrecognized(extras))
        _check(parser, args)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    return args


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse combinations of options that argparse cannot see are wrong."""
    if args.base_url is not None and args.region is not None:
        parser.error("give --base-url or --region, not both")
    submit = args.command == "submit"
    if submit and args.source_auth is not None and not is_http_url(args.source):
        parser.error("--source-auth applies only to a URL source, not a file")


def _submit(args: argparse.Namespace, printer: Printer) -> int:
    options = submit_options(args)
    with LanguageIdClient(**client_options(args)) as client:
        if submits_by_url(args.source):
            job = client.submit_url(
                args.source, source_auth=args.source_auth, **options
            )
        else:
            with open_display() as display, display.task(args.source) as task:
                job = client.submit_file(
                    args.source, on_progress=task.uploaded, **options
                )
    _print_job(printer, job)
    return 0


def _get(args: argparse.Namespace, printer: Printer) -> int:
    with LanguageIdClient(**client_options(args)) as client:
        job = client.get_job(args.job_id)
    _print_job(printer, job)
    return 0


def _wait(args: argparse.Namespace, printer: Printer) -> int:
    """Print the finished job; a failed job also gives an error line and status 1."""
    with (
        LanguageIdClient(**client_options(args)) as client,
        open_display() as display,
        display.task(f"job {args.job_id}") as task,
    ):
        task.waiting()
        job = client.wait_for_job(
            args.job_id, timeout=args.wait_timeout, poll_interval=args.poll_interval
        )
    _print_job(printer, job)
    if job.status == JobStatus.COMPLETED:
        return 0
    printer.error(JobFailedError.for_job(job).message)
    return 1


def _result(args: argparse.Namespace, printer: Printer) -> int:
    with LanguageIdClient(**client_options(args)) as client:
        result = client.get_result(args.job_id)
    if printer.json:
        printer.document({"job_id": args.job_id, **result_json(result)})
    else:
        printer.lines(result_lines(args.job_id, result, ranked=True))
    return 0


def _list(args: argparse.Namespace, printer: Printer) -> int:
    with LanguageIdClient(**client_options(args)) as client:
        jobs = _jobs(client, args)
        if printer.json:
            printer.document([job_json(job) for job in jobs])
        else:
            printer.lines(job_row(job) for job in jobs)
    return 0


def _jobs(client: LanguageIdClient, args: argparse.Namespace) -> Iterator[Job]:
    """The jobs `list` shows: one page, or with --all every page in turn."""
    if not args.all:
        yield from client.list_jobs(
            limit=args.limit, starting_after=args.starting_after
        )
        return
    cursor: str | None = args.starting_after
    while True:
        page = client.list_jobs(limit=PAGE_SIZE, starting_after=cursor)
        yield from page
        if len(page) < PAGE_SIZE:
            return
        cursor = page[-1].id


def _delete(args: argparse.Namespace, printer: Printer) -> int:
    with LanguageIdClient(**client_options(args)) as client:
        client.delete_job(args.job_id)
    if printer.json:
        printer.document({"job_id": args.job_id, "deleted": True})
    else:
        printer.lines([f"Deleted job {args.job_id}."])
    return 0


def _print_job(printer: Printer, job: Job) -> None:
    if printer.json:
        printer.document(job_json(job))
    else:
        printer.lines(job_lines(job))


@contextlib.contextmanager
def _tolerating_unencodable_output() -> Iterator[None]:
    """Write what the terminal's encoding cannot show as escapes, not a crash;
    the streams' own error handling is restored afterwards."""
    restore = []
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            restore.append((stream, stream.errors))
            stream.reconfigure(errors="backslashreplace")
    try:
        yield
    finally:
        for stream, errors in restore:
            with contextlib.suppress(OSError, ValueError):
                stream.reconfigure(errors=errors)


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so exiting does not fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


_COMMANDS: dict[str, Command] = {
    "submit": _submit,
    "get": _get,
    "wait": _wait,
    "result": _result,
    "list": _list,
    "delete": _delete,
    "identify": run_identify,
}
