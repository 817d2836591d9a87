"""The command line of `revai-langid`: its parser, option types and secret values.

Global options are accepted both before and after the command name: the command
parsers declare them again with suppressed defaults, so a value given before the
command is not overwritten by a default after it.
"""

from __future__ import annotations

import argparse
import difflib
import math
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn
from urllib.parse import urlsplit

from ._cli_output import MASK, PROG, redact
from ._common import is_http_url
from ._config import BASE_URL_ENV, MAX_SECONDS, TOKEN_ENV, is_duration
from ._errors import shorten
from ._operations import MAX_DELETE_AFTER_SECONDS, MAX_LIST_LIMIT
from ._polling import DEFAULT_WAIT_TIMEOUT, MIN_POLL_INTERVAL
from ._redaction import credential_parts
from ._version import __version__

SECRET_OPTIONS = ("--token", "--source-auth")
"""Options whose values must never be shown."""

DESCRIPTION = """\
Identify the language spoken in recordings with the Rev AI Language
Identification API (v1)."""

EPILOG = f"""\
environment:
  {TOKEN_ENV}  access token used when --token is not given
  {BASE_URL_ENV}      API origin used when neither --base-url nor --region is given

exit status:
  0 success, 1 error (or any source of identify failed), 2 usage error,
  130 interrupted"""


class Parser(argparse.ArgumentParser):
    """An argument parser whose error messages never show a secret value.

    Args:
        *args: Passed to `argparse.ArgumentParser`.
        secrets: Values to mask in error messages (the token, --source-auth).
        **kwargs: Passed to `argparse.ArgumentParser`; abbreviations are off.
    """

    def __init__(self, *args: Any, secrets: Sequence[str] = (), **kwargs: Any) -> None:
        kwargs["allow_abbrev"] = False
        super().__init__(*args, **kwargs)
        self.secrets = tuple(secrets)

    def error(self, message: str) -> NoReturn:
        """Print the usage and a masked message on stderr, then exit with 2."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {redact(message, self.secrets)}\n")


def unrecognized(extras: Sequence[str]) -> str:
    """The error for arguments no parser took, hiding the values of unknown options.

    A misspelt `--tokn abc` shows as `--tokn ***`: the value of an option that is
    not known cannot be told apart from a secret.
    """
    shown = []
    after_option = False
    for argument in extras:
        if argument.startswith("-"):
            option, equals, _ = argument.partition("=")
            shown.append(option + ("=" + MASK if equals else ""))
            after_option = not equals
        else:
            shown.append(MASK if after_option else argument)
            after_option = False
    return f"unrecognized arguments: {' '.join(shown)}"


def secrets_in(argv: Sequence[str]) -> list[str]:
    """The secret values a run could print: --token, --source-auth, the token variable.

    The credentials inside a --source-auth value ("Bearer abcd") are also listed
    alone, when long enough not to be ordinary words (see `credential_parts`).
    """
    found = [os.environ.get(TOKEN_ENV, "")]
    for index, argument in enumerate(argv):
        option, equals, value = argument.partition("=")
        if not _names_a_secret(option):
            continue
        if not equals:
            value = argv[index + 1] if index + 1 < len(argv) else ""
        found.append(value)
        if not _resembles(option, "--token"):
            found += credential_parts(value)
    found += _values_of_unknown_options(argv)
    return [secret for secret in found if secret.strip()]


def _values_of_unknown_options(argv: Sequence[str]) -> list[str]:
    """Values after options the top-level parser does not know, before the command:
    argparse would show one as an "invalid choice" of command, and it may be a
    secret given to a misspelt option (`--access-token abc list`)."""
    parser = build_parser()
    known = set(parser._option_string_actions)
    commands = {name for name, _, _ in _COMMANDS}
    found = []
    for index, argument in enumerate(argv):
        if argument in commands:
            break
        option, equals, value = argument.partition("=")
        if not option.startswith("-") or option in known:
            continue
        following = argv[index + 1] if index + 1 < len(argv) else ""
        if equals:
            found.append(value)
        elif not following.startswith("-") and following not in commands:
            found.append(following)
    return found


MISSPELLING_SIMILARITY = 0.75
"""How alike (0 to 1) an unknown option must be to a secret one to be taken for
a misspelling of it, whose value is then masked."""


def _names_a_secret(option: str) -> bool:
    """Whether `option` is a secret option, or a misspelling of one that argparse
    would refuse while echoing the value after it ("--tok", "--tokenx")."""
    if not option.startswith("--") or len(option) < 4:
        return False
    return any(_resembles(option, known) for known in SECRET_OPTIONS)


def _resembles(option: str, known: str) -> bool:
    if known.startswith(option) or option.startswith(known):
        return True
    similarity = difflib.SequenceMatcher(None, option, known).ratio()
    return similarity >= MISSPELLING_SIMILARITY


def seconds(text: str) -> float:
    """Parse a positive number of seconds, at most 30 days."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not is_duration(value):
        raise argparse.ArgumentTypeError(
            f"expected a positive number of seconds up to {MAX_SECONDS:g} "
            f"(30 days), not {shorten(repr(text), 40)}"
        )
    return value


def poll_seconds(text: str) -> float:
    """Parse a pause between polls: `seconds`, and not a busy loop."""
    value = seconds(text)
    if value < MIN_POLL_INTERVAL:
        raise argparse.ArgumentTypeError(
            f"polling more often than every {MIN_POLL_INTERVAL:g} s is a busy loop"
        )
    return value


def whole(low: int, high: int | None = None) -> Callable[[str], int]:
    """A parser of whole numbers from `low` to `high` (no upper bound if None)."""
    bounds = f"of {low} or more" if high is None else f"from {low} to {high}"

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(
                f"expected a whole number {bounds}, not {text!r}"
            )
        return value

    return parse


def label_of(source: str) -> str:
    """A name of `source` for the progress display, without a URL's credentials.

    The user name, password, query and fragment of a URL are left out: a
    pre-signed URL carries its signature in the query.
    """
    if not is_http_url(source):
        return source
    parts = urlsplit(source)
    host = parts.netloc.rpartition("@")[2]
    return f"{parts.scheme}://{host}{parts.path}"


def submit_options(args: argparse.Namespace) -> dict[str, Any]:
    """The options `submit` and `identify` pass to either kind of submit."""
    return {
        "metadata": args.metadata,
        "notification_url": args.notification_url,
        "delete_after_seconds": args.delete_after_seconds,
    }


def client_options(args: argparse.Namespace) -> dict[str, Any]:
    """The client's settings from the global options; unset ones are left out."""
    options = {
        "token": args.token,
        "base_url": args.base_url,
        "region": args.region,
        "timeout": args.timeout,
        "upload_timeout": args.timeout,
        "max_retries": args.max_retries,
    }
    chosen = {name: value for name, value in options.items() if value is not None}
    return {**chosen, "allow_insecure_http": args.allow_insecure_http}


def build_parser(secrets: Sequence[str] = ()) -> Parser:
    """The parser of the whole command line, with one sub-parser per command."""
    parser = Parser(
        prog=PROG,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        secrets=secrets,
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    _add_global_options(parser, top=True)
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", title="commands", required=True
    )
    for name, summary, add_options in _COMMANDS:
        command = commands.add_parser(
            name, help=summary, description=summary, secrets=secrets
        )
        add_options(command)
        _add_global_options(command, top=False)
    return parser


def _add_global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    value: Any = None if top else argparse.SUPPRESS
    flag: Any = False if top else argparse.SUPPRESS
    group = parser.add_argument_group("global options")
    group.add_argument(
        "--token",
        default=value,
        help=f"access token (default: ${TOKEN_ENV}, which is safer: "
        "command lines are visible to other users of this machine)",
    )
    group.add_argument(
        "--base-url",
        default=value,
        metavar="URL",
        help=f"API origin (default: ${BASE_URL_ENV}, else https://api.rev.ai)",
    )
    group.add_argument(
        "--region",
        choices=("us", "eu"),
        default=value,
        help="deployment to use when no base URL is given: us (api.rev.ai) or "
        "eu (ec1.api.rev.ai); each needs its own token",
    )
    group.add_argument(
        "--timeout",
        type=seconds,
        default=value,
        metavar="SECONDS",
        help="seconds each request may take to connect, or wait between bytes "
        "read or written (uploads too)",
    )
    group.add_argument(
        "--max-retries",
        type=whole(0),
        default=value,
        metavar="N",
        help="retries of a request after a transient failure (default: 2)",
    )
    group.add_argument(
        "--json",
        action="store_true",
        default=flag,
        help="print JSON (identify: one JSON object per line, per source)",
    )
    group.add_argument(
        "--allow-insecure-http",
        action="store_true",
        default=flag,
        help="allow a plain http base URL to a host other than this machine",
    )


def _add_job_id(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("job_id", metavar="ID", help="the job's id")


def _add_submit_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("submit options")
    group.add_argument(
        "--metadata", metavar="TEXT", help="text stored with the job (512 at most)"
    )
    group.add_argument(
        "--notification-url",
        metavar="URL",
        help="URL Rev AI POSTs the finished job to",
    )
    group.add_argument(
        "--delete-after-seconds",
        type=whole(0, MAX_DELETE_AFTER_SECONDS),
        metavar="SECONDS",
        help="delete the job automatically this long after it completes",
    )
    group.add_argument(
        "--source-auth",
        metavar="VALUE",
        help='Authorization header Rev AI sends to fetch a URL source, e.g. "Bearer '
        'abc" (never printed)',
    )


def _add_wait_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("wait options")
    group.add_argument(
        "--wait-timeout",
        type=seconds,
        default=DEFAULT_WAIT_TIMEOUT,
        metavar="SECONDS",
        help="give up waiting after this long (default: %(default)g)",
    )
    group.add_argument(
        "--poll-interval",
        type=poll_seconds,
        default=1.0,
        metavar="SECONDS",
        help="pause before the second poll; it grows by half each time "
        "(default: %(default)g)",
    )


def _add_submit(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "source",
        metavar="FILE|URL",
        help="a media file to upload, or an http(s) URL Rev AI downloads",
    )
    _add_submit_options(parser)


def _add_wait(parser: argparse.ArgumentParser) -> None:
    _add_job_id(parser)
    _add_wait_options(parser)


def _add_list(parser: argparse.ArgumentParser) -> None:
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--limit",
        type=whole(0, MAX_LIST_LIMIT),
        metavar="N",
        help="at most N jobs, 0 to 1000 (default: the API's, 100)",
    )
    size.add_argument(
        "--all", action="store_true", help="every job, fetching page after page"
    )
    parser.add_argument(
        "--starting-after",
        metavar="ID",
        help="only the jobs submitted before the job with this id",
    )


def _add_identify(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "sources",
        metavar="SOURCE",
        nargs="+",
        help="media files to upload, or http(s) URLs Rev AI downloads",
    )
    _add_submit_options(parser)
    _add_wait_options(parser)
    group = parser.add_argument_group("identify options")
    group.add_argument(
        "--delete",
        action="store_true",
        help="delete each job once its result has been read",
    )
    group.add_argument(
        "--concurrency",
        type=whole(1),
        default=4,
        metavar="N",
        help="sources in flight at once (default: %(default)s)",
    )


_COMMANDS: tuple[tuple[str, str, Callable[[argparse.ArgumentParser], None]], ...] = (
    ("submit", "start a job for a file (uploaded) or an http(s) URL", _add_submit),
    ("get", "show a job", _add_job_id),
    ("wait", "wait until a job finishes, then show it", _add_wait),
    ("result", "show the languages identified in a completed job", _add_job_id),
    ("list", "list the jobs of the last 30 days, newest first", _add_list),
    ("delete", "delete a finished job and its data, permanently", _add_job_id),
    (
        "identify",
        "submit sources, wait for them and show their languages",
        _add_identify,
    ),
)
