"""Contains all the data models used in inputs/outputs"""

from .bad_request_problem import BadRequestProblem
from .bad_request_problem_parameters import BadRequestProblemParameters
from .conflict_problem import ConflictProblem
from .job_failure import JobFailure
from .job_status import JobStatus
from .job_type import JobType
from .language_confidence import LanguageConfidence
from .language_id_job import LanguageIdJob
from .language_id_result import LanguageIdResult
from .notification_auth_headers_type_0 import NotificationAuthHeadersType0
from .notification_config_type_0 import NotificationConfigType0
from .problem import Problem
from .source_auth_headers_type_0 import SourceAuthHeadersType0
from .source_config_type_0 import SourceConfigType0
from .submit_job_file_request import SubmitJobFileRequest
from .submit_job_options import SubmitJobOptions
from .submit_job_url_request import SubmitJobUrlRequest
from .unauthorized_problem import UnauthorizedProblem

__all__ = (
    "BadRequestProblem",
    "BadRequestProblemParameters",
    "ConflictProblem",
    "JobFailure",
    "JobStatus",
    "JobType",
    "LanguageConfidence",
    "LanguageIdJob",
    "LanguageIdResult",
    "NotificationAuthHeadersType0",
    "NotificationConfigType0",
    "Problem",
    "SourceAuthHeadersType0",
    "SourceConfigType0",
    "SubmitJobFileRequest",
    "SubmitJobOptions",
    "SubmitJobUrlRequest",
    "UnauthorizedProblem",
)
