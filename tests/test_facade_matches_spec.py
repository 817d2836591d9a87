"""The handwritten facade covers what openapi.yaml describes.

When Rev AI changes the API, `make generate` updates the bindings; these tests then
say which part of the facade must follow, so a new field, status or parameter is
not left reachable only through `Job.extra` or the generated layer.
"""

from __future__ import annotations

import argparse
import inspect
import re
from pathlib import Path
from typing import Any

import attrs
import httpx
import yaml

from revai_langid import (
    APIError,
    AsyncLanguageIdClient,
    Job,
    JobFailure,
    JobStatus,
    LanguageConfidence,
    LanguageIdClient,
    LanguageIdResult,
)
from revai_langid import _operations as operations
from revai_langid._cli_args import build_parser
from revai_langid._cli_output import job_json
from revai_langid._models import _JOB_FIELDS
from revai_langid._pipeline import error_from_response
from revai_langid.testing import _submission as submission

SPEC = yaml.safe_load((Path(__file__).parent.parent / "openapi.yaml").read_text())
SCHEMAS = SPEC["components"]["schemas"]


def _properties(name: str) -> set[str]:
    return set(SCHEMAS[name]["properties"])


def _field_names(cls: type[Any]) -> set[str]:
    return {field.name for field in attrs.fields(cls)}


def test_job_status_members_are_the_specs_enum() -> None:
    facade = {member.value for member in JobStatus}
    spec = set(SCHEMAS["JobStatus"]["enum"])
    assert facade == spec, "update JobStatus in facade/revai_langid/_models.py"


def test_job_failure_members_are_the_specs_enum() -> None:
    facade = {member.value for member in JobFailure}
    spec = set(SCHEMAS["JobFailure"]["enum"])
    assert facade == spec, "update JobFailure in facade/revai_langid/_models.py"


def test_job_reads_every_field_of_the_spec() -> None:
    spec = _properties("LanguageIdJob")
    assert spec == _JOB_FIELDS, "update _JOB_FIELDS and Job in _models.py"
    assert spec <= _field_names(Job), "add the new field to Job in _models.py"


def test_result_models_cover_the_spec() -> None:
    assert _properties("LanguageIdResult") <= _field_names(LanguageIdResult)
    assert _properties("LanguageConfidence") == _field_names(LanguageConfidence)


CLIENTS = (LanguageIdClient, AsyncLanguageIdClient)
LIST_PARAMETERS = {
    parameter["name"]
    for parameter in SPEC["paths"]["/languageid/v1/jobs"]["get"]["parameters"]
}
PAGING = {"limit", "starting_after"}
"""The list parameters `iter_jobs` drives itself, page after page."""


def _parameters(function: Any) -> set[str]:
    return set(inspect.signature(function).parameters)


def _submit_options_in_the_spec() -> set[str]:
    spec = _properties("SubmitJobOptions") - {"callback_url"}
    return {
        "notification_url" if name == "notification_config" else name for name in spec
    }


def test_list_jobs_offers_every_query_parameter_in_both_clients() -> None:
    for client in CLIENTS:
        offered = _parameters(client.list_jobs)
        assert offered >= LIST_PARAMETERS, f"add it to {client.__name__}.list_jobs"


def test_iter_jobs_offers_every_filter_in_both_clients() -> None:
    assert PAGING <= LIST_PARAMETERS, "iter_jobs pages with parameters the spec renamed"
    for client in CLIENTS:
        offered = _parameters(client.iter_jobs)
        missing = LIST_PARAMETERS - PAGING - offered
        assert not missing, f"add {missing} to {client.__name__}.iter_jobs"


def test_submit_offers_every_option_in_both_clients() -> None:
    spec = _submit_options_in_the_spec()
    for client in CLIENTS:
        for method in (client.submit_url, client.submit_file):
            offered = _parameters(method)
            assert spec <= offered, (
                f"add the option to {client.__name__}.{method.__name__}"
            )


def _command_options(name: str) -> set[str]:
    parser = build_parser()
    [commands] = [
        action
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    ]
    return {action.dest for action in commands.choices[name]._actions}


def test_cli_list_offers_every_query_parameter() -> None:
    missing = LIST_PARAMETERS - _command_options("list")
    assert not missing, f"add {missing} to the list command in _cli_args.py"


def test_cli_submit_offers_every_option() -> None:
    missing = _submit_options_in_the_spec() - _command_options("submit")
    assert not missing, f"add {missing} to the submit options in _cli_args.py"


def test_cli_prints_every_field_of_the_job() -> None:
    job = Job.from_json(
        {"id": "j", "status": "completed", "created_on": "2018-05-05T23:23:22.29Z"}
    )
    printed = set(job_json(job))
    assert _properties("LanguageIdJob") <= printed, "print it in _cli_output.py"


def test_every_status_but_in_progress_ends_a_job() -> None:
    running = {status.value for status in JobStatus if not status.is_finished}
    assert running == {"in_progress"}, (
        "decide whether the new status ends a job: JobStatus.is_finished in "
        "_models.py (wait_for_job polls until it does)"
    )


def _documented_error_statuses() -> set[int]:
    return {
        int(status)
        for item in SPEC["paths"].values()
        for method, definition in item.items()
        if method != "parameters"
        for status in definition["responses"]
        if int(status) >= 400
    }


def test_every_documented_error_status_has_its_own_class() -> None:
    for status in sorted(_documented_error_statuses()):
        response = httpx.Response(status, content=b"")
        error = error_from_response(response, "GET", "/languageid/v1/jobs")
        assert type(error) is not APIError, (
            f"give status {status} its own APIError subclass in _errors.py and "
            "_STATUS_ERRORS in _pipeline.py"
        )


def _patterns(schema: Any) -> set[str]:
    """Every `pattern` in a part of the spec."""
    if isinstance(schema, dict):
        found = {schema["pattern"]} if isinstance(schema.get("pattern"), str) else set()
        return found.union(*(_patterns(value) for value in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_patterns(item) for item in schema))
    return set()


def test_the_facade_and_the_fake_check_urls_and_auth_as_the_spec_says() -> None:
    spec = _patterns(SCHEMAS)
    for pattern in (
        operations.WEB_URL,
        operations.AUTHORIZATION_FORMAT,
        submission.WEB_URL,
        submission.AUTHORIZATION,
    ):
        assert pattern.pattern in spec, f"{pattern.pattern!r} is not the spec's"
        assert pattern.flags == re.UNICODE
