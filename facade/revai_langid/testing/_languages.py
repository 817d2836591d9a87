"""The fake's language ranking: configured, since the fake cannot hear audio."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

Ranking = tuple[tuple[str, float], ...]

DEFAULT_LANGUAGES: Ranking = (("en", 0.91), ("es", 0.05), ("fr", 0.04))


def checked_languages(languages: Sequence[tuple[str, float]] | None) -> Ranking:
    """Validate a configured ranking and sort it highest confidence first.

    Args:
        languages: ``(code, confidence)`` pairs, or None for the default
            (en 0.91, es 0.05, fr 0.04).

    Raises:
        ValueError: The list is empty, a code is empty or a confidence lies
            outside [0, 1].
    """
    if languages is None:
        return DEFAULT_LANGUAGES
    pairs = [(code, float(confidence)) for code, confidence in languages]
    if not pairs:
        raise ValueError("languages needs at least one (code, confidence) pair")
    for code, confidence in pairs:
        if not isinstance(code, str) or not code:
            raise ValueError("every language code must be a non-empty string")
        if math.isnan(confidence) or not 0.0 <= confidence <= 1.0:
            raise ValueError(f"the confidence of {code!r} is outside [0, 1]")
    return tuple(sorted(pairs, key=lambda pair: pair[1], reverse=True))


def ranking_for(languages: Ranking, top: str | None) -> Ranking:
    """The ranking of one job, with ``top`` (if given) moved to first place.

    The confidences stay where they are; only the codes move. A code that is
    not in the configured list takes the first confidence and the configured
    codes shift down by one, the last of them dropping out.
    """
    if top is None:
        return languages
    confidences = [confidence for _, confidence in languages]
    codes = [top, *(code for code, _ in languages if code != top)]
    return tuple(zip(codes[: len(confidences)], confidences, strict=True))


def result_document(ranking: Ranking) -> dict[str, Any]:
    """The body of ``GET /jobs/{id}/result`` for a ranking."""
    return {
        "top_language": ranking[0][0],
        "language_confidences": [
            {"language": code, "confidence": confidence} for code, confidence in ranking
        ],
    }


def directive(metadata: object, name: str) -> str | None:
    """The value of a ``fake-<name>=<value>`` word in a job's metadata, or None.

    A directive starts the metadata or follows whitespace, ``;``, ``,`` or
    ``&``; its value runs up to the next such character.
    """
    if not isinstance(metadata, str):
        return None
    pattern = rf"(?:^|[\s;,&])fake-{re.escape(name)}=([^\s;,&]+)"
    match = re.search(pattern, metadata)
    return match.group(1) if match else None
