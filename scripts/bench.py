"""Benchmarks behind `make bench`: our costs as ratios to a baseline in the same run.

1. Parsing a page of 1000 jobs into `Job` models, against `json.loads` of the same
   bytes (the floor any client pays).
2. `LanguageIdClient.get_job` against the bundled fake server, against a bare
   `httpx.Client.get` of the same URL (each with its own warm connection pool).
Nothing is asserted: the ratios are printed for a person to compare across changes.
"""

from __future__ import annotations

import json
import timeit
from collections.abc import Callable

import httpx

from revai_langid import LanguageIdClient
from revai_langid._models import jobs_from_json
from revai_langid.testing import FakeRevAI


def best_of(function: Callable[[], object], number: int, repeat: int = 5) -> float:
    """Seconds per call, best of `repeat` runs of `number` calls."""
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number


def page_of_jobs(count: int) -> bytes:
    """A list answer of `count` completed jobs, as the API would send it."""
    job = {
        "id": "Umx5c6F7pH7r",
        "created_on": "2018-05-05T23:23:22.29Z",
        "completed_on": "2018-05-05T23:28:22.1234567Z",
        "metadata": None,
        "status": "completed",
        "type": "language_id",
        "processed_duration_seconds": 107.5,
    }
    return json.dumps([job] * count).encode()


def bench_parsing() -> None:
    """Print the cost of building models relative to decoding the JSON."""
    body = page_of_jobs(1000)
    jobs_from_json(json.loads(body))
    baseline = best_of(lambda: json.loads(body), number=20)
    ours = best_of(lambda: jobs_from_json(json.loads(body)), number=20)
    print(
        f"parse 1000 jobs: json.loads {baseline * 1e3:.2f} ms, "
        f"models {ours * 1e3:.2f} ms, ratio {ours / baseline:.1f}x"
    )


def bench_get_job() -> None:
    """Print the cost of one facade call relative to a bare httpx request."""
    with (
        FakeRevAI(polls_until_complete=10**9) as fake,
        LanguageIdClient(fake.token, base_url=fake.url) as client,
        httpx.Client() as http,
    ):
        job = client.submit_url("https://example.com/a.mp3")
        url = f"{fake.url}/languageid/v1/jobs/{job.id}"
        headers = {"Authorization": f"Bearer {fake.token}"}
        http.get(url, headers=headers)
        client.get_job(job.id)
        baseline = best_of(lambda: http.get(url, headers=headers), number=50)
        ours = best_of(lambda: client.get_job(job.id), number=50)
    print(
        f"get_job over loopback: httpx {baseline * 1e3:.2f} ms, "
        f"facade {ours * 1e3:.2f} ms, ratio {ours / baseline:.2f}x"
    )


if __name__ == "__main__":
    bench_parsing()
    bench_get_job()
