"""The redaction helpers and the registry of secrets in use."""

from __future__ import annotations

import gc
import json
import logging
import threading
import weakref
from typing import Any

import pytest

from revai_langid import LanguageIdClient
from revai_langid._redaction import (
    ACTIVE_SECRETS,
    REDACTED,
    SecretRegistry,
    credential_parts,
    redact,
    redact_bytes,
)

SECRET = 'Bearer café-CANARY/x<&>"q'


@pytest.mark.parametrize(
    "spelling",
    [
        SECRET,
        json.dumps(SECRET)[1:-1],
        json.dumps(SECRET)[1:-1].replace("/", "\\/"),
        json.dumps(SECRET, ensure_ascii=False)[1:-1],
        "Bearer caf\\u00E9-CANARY\\/x\\u003C\\u0026\\u003e\\u0022q",
        "".join(f"\\u{ord(char):04X}" for char in SECRET),
    ],
    ids=["raw", "ascii", "escaped slash", "unicode", "go and .net", "all escaped"],
)
def test_every_json_spelling_of_a_secret_is_redacted(spelling: str) -> None:
    assert redact(f"<<{spelling}>>", [SECRET]) == f"<<{REDACTED}>>"


def test_redaction_is_one_pass_longest_first() -> None:
    assert redact("token red", ["red", "token red"]) == REDACTED
    assert redact("a red herring", ["red", "[redacted]"]) == f"a {REDACTED} herring"


def test_bytes_that_are_not_utf8_are_kept_around_a_redacted_secret() -> None:
    content = b"\xff\xfe tok-1234 \xff"
    assert redact_bytes(content, ["tok-1234"]) == b"\xff\xfe [redacted] \xff"
    assert redact_bytes(content, ["absent"]) is content


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        ("Bearer abcdef", ["abcdef"]),
        ("Bearer  abcdef", ["abcdef"]),
        ("Basic ab", []),
        (
            "AWS4-HMAC-SHA256 Credential=AKIA1/20261204/s3, Signature=f00dbeef",
            ["Credential=AKIA1/20261204/s3, Signature=f00dbeef", "AKIA1/20261204/s3",
             "f00dbeef"],
        ),
    ],
)  # fmt: skip
def test_credential_parts(value: str, parts: list[str]) -> None:
    assert credential_parts(value) == parts


def test_a_secret_shared_by_two_users_stays_until_both_release_it() -> None:
    registry = SecretRegistry()
    registry.add(["tok"])
    registry.add(["tok"])

    registry.release(["tok"])
    assert registry.current() == ("tok",)
    registry.release(["tok"])
    assert registry.current() == ()


def test_a_release_from_a_finalizer_inside_add_does_not_deadlock() -> None:
    registry = SecretRegistry()

    class Owner:
        pass

    def cyclic_owner() -> None:
        owner: Any = Owner()
        owner.me = owner
        registry.add(["old"])
        weakref.finalize(owner, registry.release, ("old",))

    cyclic_owner()

    def secrets_collecting_garbage() -> Any:
        gc.collect()
        yield "new"

    worker = threading.Thread(
        target=registry.add, args=(secrets_collecting_garbage(),), daemon=True
    )
    worker.start()
    worker.join(timeout=5)

    assert not worker.is_alive(), "add deadlocked on a finalizer's release"
    assert registry.current() == ("new",)


def test_a_closed_client_no_longer_holds_its_token() -> None:
    token = "tok-registry-CANARY"
    client = LanguageIdClient(token, base_url="http://127.0.0.1:9")
    assert token in ACTIVE_SECRETS.current()

    client.close()
    assert token not in ACTIVE_SECRETS.current()


@pytest.mark.parametrize("name", ["hpack.hpack", "httpcore.http11", "httpx"])
def test_third_party_records_and_tracebacks_lose_active_secrets(
    caplog: pytest.LogCaptureFixture, name: str
) -> None:
    secret = "tok-logged-CANARY"
    logger = logging.getLogger(name)
    caplog.set_level(logging.DEBUG, logger=name)
    with ACTIVE_SECRETS.active([secret]):
        logger.debug("header authorization: Bearer %s", secret)
        try:
            raise ValueError(f"echoed {secret}")
        except ValueError:
            logger.debug("failed", exc_info=True)

    assert caplog.records
    assert "CANARY" not in caplog.text
