"""The generated bindings (`revai_langid_api`), found next to this package.

Installed, or copied side by side onto `sys.path`, the bindings are the top-level
package `revai_langid_api`. Vendored inside another package (`myapp._vendor`), they
are a sibling there, and importing them by their top-level name would fail, or
silently pick up some other copy. So they are looked up beside this package.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

_PARENT = __name__.rsplit(".", 2)[0] if __name__.count(".") >= 2 else ""

PACKAGE = f"{_PARENT}.revai_langid_api" if _PARENT else "revai_langid_api"
"""The import name of the bindings this copy of the facade uses."""


def _load(module: str) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.{module}")


if TYPE_CHECKING:
    import revai_langid_api.api.jobs.delete_job_by_id as delete_job_by_id
    import revai_langid_api.api.jobs.get_job_by_id as get_job_by_id
    import revai_langid_api.api.jobs.get_result_by_id as get_result_by_id
    import revai_langid_api.api.jobs.list_jobs as list_jobs
    import revai_langid_api.api.jobs.submit_job as submit_job
    import revai_langid_api.models as models
    import revai_langid_api.types as types
else:
    delete_job_by_id = _load("api.jobs.delete_job_by_id")
    get_job_by_id = _load("api.jobs.get_job_by_id")
    get_result_by_id = _load("api.jobs.get_result_by_id")
    list_jobs = _load("api.jobs.list_jobs")
    submit_job = _load("api.jobs.submit_job")
    models = _load("models")
    types = _load("types")

__all__ = [
    "PACKAGE",
    "delete_job_by_id",
    "get_job_by_id",
    "get_result_by_id",
    "list_jobs",
    "models",
    "submit_job",
    "types",
]
