"""openapi.yaml is a valid OpenAPI document that describes the whole API."""

from __future__ import annotations

from pathlib import Path

import yaml
from openapi_spec_validator import validate

SPEC = yaml.safe_load((Path(__file__).parent.parent / "openapi.yaml").read_text())


def test_spec_is_valid_openapi() -> None:
    validate(SPEC)


def test_spec_has_all_five_operations() -> None:
    operations = {
        (method.upper(), path)
        for path, item in SPEC["paths"].items()
        for method in item
        if method != "parameters"
    }
    assert operations == {
        ("POST", "/languageid/v1/jobs"),
        ("GET", "/languageid/v1/jobs"),
        ("GET", "/languageid/v1/jobs/{id}"),
        ("DELETE", "/languageid/v1/jobs/{id}"),
        ("GET", "/languageid/v1/jobs/{id}/result"),
    }


def test_job_schema_lists_every_field_of_the_seed() -> None:
    job = SPEC["components"]["schemas"]["LanguageIdJob"]["properties"]
    seed_fields = {
        "id", "created_on", "completed_on", "metadata", "failure_detail",
        "delete_after_seconds", "status", "failure", "type",
        "processed_duration_seconds", "callback_url", "media_url",
    }  # fmt: skip
    assert set(job) == seed_fields


def test_error_responses_are_problem_json() -> None:
    for name, response in SPEC["components"]["responses"].items():
        assert list(response["content"]) == ["application/problem+json"], name


def test_servers_are_us_then_eu() -> None:
    urls = [server["url"] for server in SPEC["servers"]]
    assert urls == ["https://api.rev.ai", "https://ec1.api.rev.ai"]
