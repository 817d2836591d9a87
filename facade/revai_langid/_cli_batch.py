"""`revai-langid identify SOURCE...`: many recordings at once, bounded.

Each source is submitted, waited for and read on its own task; at most
`--concurrency` run at a time. A source that fails is reported on its own line
and the others carry on. Lines are printed in the order sources finish.
"""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from attrs import frozen

from ._async_client import AsyncLanguageIdClient
from ._cli_args import client_options, label_of, submit_options
from ._cli_output import Printer, error_json, result_json, result_lines
from ._cli_progress import Display, Task, open_display
from ._common import submits_by_url
from ._errors import JobFailedError, RevAIError
from ._models import Job, JobStatus, LanguageIdResult


@frozen(kw_only=True)
class Outcome:
    """How one source ended.

    Attributes:
        source: The source as given on the command line.
        job_id: The job's id, once it was submitted.
        result: The identified languages, if the job completed.
        error: Why the source failed, if it did.
        delete_error: Why deleting the job failed, if `--delete` was given.
    """

    source: str
    job_id: str | None = None
    result: LanguageIdResult | None = None
    error: RevAIError | None = None
    delete_error: RevAIError | None = None

    @property
    def ok(self) -> bool:
        """Whether the source was identified (and deleted, if asked) without error."""
        return self.error is None and self.delete_error is None


async def identify_one(
    client: AsyncLanguageIdClient,
    source: str,
    args: argparse.Namespace,
    task: Task | None = None,
) -> Outcome:
    """Submit `source`, wait for its job and read the result; never raises.

    Args:
        client: The client to call.
        source: An http(s) URL, or the path of a file to upload.
        args: The parsed command line (submit, wait and identify options).
        task: Where to show the upload and the wait; None shows nothing.

    Returns:
        The outcome, holding either the result or the error.
    """
    task = task or Task()
    try:
        job = await _submit(client, source, args, task)
    except RevAIError as error:
        return Outcome(source=source, error=error)
    task.waiting()
    try:
        result = await _finish(client, job, args)
    except RevAIError as error:
        return Outcome(source=source, job_id=job.id, error=error)
    delete_error = await _delete(client, job.id) if args.delete else None
    return Outcome(
        source=source, job_id=job.id, result=result, delete_error=delete_error
    )


async def _submit(
    client: AsyncLanguageIdClient, source: str, args: argparse.Namespace, task: Task
) -> Job:
    options = submit_options(args)
    if submits_by_url(source):
        return await client.submit_url(source, source_auth=args.source_auth, **options)
    return await client.submit_file(source, on_progress=task.uploaded, **options)


async def _finish(
    client: AsyncLanguageIdClient, job: Job, args: argparse.Namespace
) -> LanguageIdResult:
    job = await client.wait_for_job(
        job.id, timeout=args.wait_timeout, poll_interval=args.poll_interval
    )
    if job.status != JobStatus.COMPLETED:
        raise JobFailedError.for_job(job)
    return await client.get_result(job.id)


async def _delete(client: AsyncLanguageIdClient, job_id: str) -> RevAIError | None:
    try:
        await client.delete_job(job_id)
    except RevAIError as error:
        return error
    return None


def run_identify(args: argparse.Namespace, printer: Printer) -> int:
    """Identify every source of the command line; 0 if all succeeded, else 1."""
    return asyncio.run(_identify_all(args, printer))


async def _identify_all(args: argparse.Namespace, printer: Printer) -> int:
    sources: list[str] = args.sources
    single = len(sources) == 1
    failures = 0
    async with AsyncLanguageIdClient(**client_options(args)) as client:
        with open_display() as display:
            overall = display.task("identified", len(sources)) if not single else None
            for finished in asyncio.as_completed(_start(client, args, display)):
                outcome = await finished
                report(printer, outcome, ranked=single)
                failures += not outcome.ok
                if overall is not None:
                    overall.advance()
    return 1 if failures else 0


def _start(
    client: AsyncLanguageIdClient, args: argparse.Namespace, display: Display
) -> list[asyncio.Task[Outcome]]:
    semaphore = asyncio.Semaphore(args.concurrency)

    async def bounded(source: str) -> Outcome:
        async with semaphore:
            with display.task(label_of(source)) as task:
                return await identify_one(client, source, args, task)

    return [asyncio.ensure_future(bounded(source)) for source in args.sources]


def report(printer: Printer, outcome: Outcome, *, ranked: bool) -> None:
    """Print one source's outcome: its line on stdout, any error on stderr."""
    if printer.json:
        printer.document(_outcome_json(outcome))
    elif outcome.result is not None:
        printer.lines(result_lines(outcome.source, outcome.result, ranked=ranked))
    if outcome.error is not None:
        printer.error(f"{outcome.source}: {outcome.error.message}")
    if outcome.delete_error is not None:
        printer.error(
            f"{outcome.source}: could not delete job {outcome.job_id}: "
            f"{outcome.delete_error.message}"
        )


def _outcome_json(outcome: Outcome) -> dict[str, Any]:
    document: dict[str, Any] = {"source": outcome.source, "job_id": outcome.job_id}
    if outcome.result is not None:
        document.update(result_json(outcome.result))
    if outcome.error is not None:
        document["error"] = error_json(outcome.error)
    if outcome.delete_error is not None:
        document["delete_error"] = error_json(outcome.delete_error)
    return document
