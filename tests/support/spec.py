"""The spec, `openapi.yaml`, read into plain JSON Schema for generators.

OpenAPI 3.0 schemas are not quite JSON Schema: they use `$ref` into components,
`allOf` for composition and `nullable: true` instead of a null type. `plain`
resolves all three, so hypothesis-jsonschema and jsonschema can use the result.
The rules an `allOf` part states with `not`, `oneOf` or `anyOf` are kept.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi.yaml"
COMPONENTS_PREFIX = "#/components/schemas/"

_OPENAPI_ONLY = frozenset(
    {"nullable", "example", "deprecated", "description", "xml", "discriminator"}
)


@functools.cache
def spec() -> dict[str, Any]:
    """The parsed `openapi.yaml`."""
    with SPEC_PATH.open(encoding="utf-8") as file:
        document: dict[str, Any] = yaml.safe_load(file)
    return document


def component(name: str) -> dict[str, Any]:
    """The component schema `name`, as plain JSON Schema."""
    return plain({"$ref": COMPONENTS_PREFIX + name})


def plain(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with every `$ref`, `allOf` and `nullable` resolved away."""
    if "$ref" in schema:
        return plain(_referenced(schema["$ref"]))
    if "allOf" in schema:
        return _nullable(_merge([plain(part) for part in schema["allOf"]]), schema)
    resolved = {
        key: _resolve_value(key, value)
        for key, value in schema.items()
        if key not in _OPENAPI_ONLY
    }
    return _nullable(resolved, schema)


def operation(operation_id: str) -> tuple[str, str, dict[str, Any]]:
    """The path, method and definition of the operation with this id."""
    for path, item in spec()["paths"].items():
        for method, definition in item.items():
            if isinstance(definition, dict) and (
                definition.get("operationId") == operation_id
            ):
                return path, method, definition
    raise KeyError(operation_id)


def documented_statuses(operation_id: str) -> list[int]:
    """The statuses the spec documents for an operation, in order."""
    _, _, definition = operation(operation_id)
    return sorted(int(status) for status in definition["responses"])


def response_schema(operation_id: str, status: int = 200) -> dict[str, Any]:
    """The plain schema of an operation's answer with this status (first content)."""
    _, _, definition = operation(operation_id)
    answer = definition["responses"][str(status)]
    if "$ref" in answer:
        answer = _follow(answer["$ref"])
    content = next(iter(answer["content"].values()))
    return plain(content["schema"])


_RULES = ("not", "oneOf", "anyOf")
"""Keywords whose sub-schemas constrain a whole object."""


def _resolve_value(key: str, value: Any) -> Any:
    if key == "properties":
        return {name: plain(item) for name, item in value.items()}
    if key in ("items", "additionalProperties", "not") and isinstance(value, dict):
        return plain(value)
    if key in ("oneOf", "anyOf"):
        return [plain(item) for item in value]
    return value


def _referenced(reference: str) -> dict[str, Any]:
    if not reference.startswith(COMPONENTS_PREFIX):
        raise ValueError(f"unsupported $ref {reference!r}")
    schema: dict[str, Any] = spec()["components"]["schemas"][
        reference.removeprefix(COMPONENTS_PREFIX)
    ]
    return schema


def _follow(reference: str) -> dict[str, Any]:
    node: Any = spec()
    for part in reference.removeprefix("#/").split("/"):
        node = node[part]
    return dict(node)


def _merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {"type": "object", "properties": {}}
    required: list[str] = []
    rules = [{key: part[key]} for part in parts for key in _RULES if key in part]
    for part in parts:
        merged["properties"].update(part.get("properties", {}))
        required += [name for name in part.get("required", []) if name not in required]
    if required:
        merged["required"] = required
    if rules:
        merged["allOf"] = rules
    return merged


def _nullable(resolved: dict[str, Any], original: dict[str, Any]) -> dict[str, Any]:
    if not original.get("nullable"):
        return resolved
    return {"anyOf": [resolved, {"type": "null"}]}
