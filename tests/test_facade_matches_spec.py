"""The handwritten facade covers what openapi.yaml describes.

When Rev AI changes the API, `make generate` updates the bindings; these tests then
say which part of the facade must follow, so a new field, status or parameter is
not left reachable only through `Job.extra` or the generated layer.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import attrs
import yaml

from revai_langid import (
    Job,
    JobFailure,
    JobStatus,
    LanguageConfidence,
    LanguageIdClient,
    LanguageIdResult,
)
from revai_langid._models import _JOB_FIELDS

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


def test_list_jobs_offers_every_query_parameter() -> None:
    operation = SPEC["paths"]["/languageid/v1/jobs"]["get"]
    spec = {parameter["name"] for parameter in operation["parameters"]}
    offered = set(inspect.signature(LanguageIdClient.list_jobs).parameters)
    assert spec <= offered, "add the parameter to list_jobs in both clients"


def test_submit_offers_every_option() -> None:
    spec = _properties("SubmitJobOptions") - {"callback_url"}
    spec = {
        "notification_url" if name == "notification_config" else name for name in spec
    }
    for method in (LanguageIdClient.submit_url, LanguageIdClient.submit_file):
        offered = set(inspect.signature(method).parameters)
        assert spec <= offered, f"add the option to {method.__name__}"
