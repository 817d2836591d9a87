"""openapi.yaml is a valid OpenAPI document that describes the whole API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from openapi_spec_validator import validate
from support.spec import component

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


URL_SOURCE = {"source_config": {"url": "https://media.example.com/a.mp3"}}


@pytest.mark.parametrize(
    "body",
    [
        URL_SOURCE,
        {"media_url": "https://media.example.com/a.mp3"},
        {"source_config": None, "media_url": "http://media.example.com/a.mp3"},
        {
            **URL_SOURCE,
            "notification_config": {
                "url": "https://hooks.example.com/done",
                "auth_headers": {"Authorization": "Bearer abc"},
            },
            "callback_url": None,
        },
        {**URL_SOURCE, "callback_url": "https://hooks.example.com/done"},
    ],
)
def test_url_submit_schema_accepts(body: dict[str, Any]) -> None:
    jsonschema.validate(body, component("SubmitJobUrlRequest"))


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"metadata": "no source"}, id="no source"),
        pytest.param({"source_config": None}, id="null source"),
        pytest.param(
            {**URL_SOURCE, "media_url": "https://media.example.com/a.mp3"},
            id="two sources",
        ),
        pytest.param(
            {
                **URL_SOURCE,
                "notification_config": {"url": "https://hooks.example.com/a"},
                "callback_url": "https://hooks.example.com/b",
            },
            id="two notifications",
        ),
        pytest.param({"source_config": {"url": "ftp://x/a.mp3"}}, id="not http"),
        pytest.param({"source_config": {"url": "media.mp3"}}, id="relative url"),
        pytest.param({"media_url": "https://"}, id="no host"),
        pytest.param(
            {
                "source_config": {
                    "url": "https://x",
                    "auth_headers": {"Authorization": "abc"},
                }
            },
            id="authorization without scheme",
        ),
        pytest.param(
            {
                **URL_SOURCE,
                "notification_config": {
                    "url": "https://hooks.example.com/a",
                    "auth_headers": {"X-Api-Key": "abc"},
                },
            },
            id="notification header other than authorization",
        ),
    ],
)
def test_url_submit_schema_refuses(body: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(body, component("SubmitJobUrlRequest"))


def test_source_auth_may_carry_aws_signature_headers() -> None:
    source = {
        "url": "https://bucket.s3.amazonaws.com/a.mp3",
        "auth_headers": {
            "Authorization": "AWS4-HMAC-SHA256 Credential=abc, Signature=def",
            "x-amz-date": "20261204T000000Z",
        },
    }
    jsonschema.validate(source, component("SourceConfig"))


def test_every_operation_requires_the_token() -> None:
    for path, item in SPEC["paths"].items():
        for method, definition in item.items():
            if method == "parameters":
                continue
            assert definition["security"] == [{"AccessToken": []}], (method, path)


def test_every_operation_documents_429() -> None:
    for path, item in SPEC["paths"].items():
        for method, definition in item.items():
            if method != "parameters":
                assert "429" in definition["responses"], (method, path)
