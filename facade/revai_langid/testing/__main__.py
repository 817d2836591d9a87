"""Run the fake server from a shell: ``python -m revai_langid.testing --help``."""

from __future__ import annotations

import argparse
import shlex
import signal
import sys
import time
from collections.abc import Sequence
from types import FrameType

from ._fake_server import DEFAULT_MAX_UPLOAD_BYTES, FakeRevAI, is_loopback


class _Terminated(BaseException):
    """Raised in the main thread when SIGTERM arrives."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m revai_langid.testing",
        description="Serve a fake Rev AI Language Identification API until stopped.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--token", help="the access token (default: a random one)")
    timing = parser.add_mutually_exclusive_group()
    timing.add_argument(
        "--polls", type=int, default=2, help="in_progress answers before completion"
    )
    timing.add_argument("--seconds", type=float, help="seconds until completion")
    parser.add_argument(
        "--max-upload-bytes", type=int, default=DEFAULT_MAX_UPLOAD_BYTES
    )
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a host that is not a loopback address",
    )
    return parser


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


def _serve(fake: FakeRevAI) -> None:
    with fake:
        print(f"REVAI_BASE_URL={fake.url}", flush=True)
        print(f"REVAI_ACCESS_TOKEN={shlex.quote(fake.token)}", flush=True)
        while True:
            time.sleep(3600)


def _build(args: argparse.Namespace) -> FakeRevAI:
    return FakeRevAI(
        args.token,
        polls_until_complete=args.polls,
        seconds_until_complete=args.seconds,
        max_upload_bytes=args.max_upload_bytes,
        host=args.host,
        port=args.port,
        allow_remote=args.allow_remote,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Start the fake, print its address and token, serve until a signal.

    Returns:
        The exit status: 0 after SIGINT or SIGTERM.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.allow_remote and not is_loopback(args.host):
        parser.error(f"{args.host} is not a loopback address; add --allow-remote")
    signal.signal(signal.SIGTERM, _on_sigterm)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        _serve(_build(args))
    except (ValueError, OSError) as exc:
        parser.exit(1, f"cannot start the fake server: {exc}\n")
    except (KeyboardInterrupt, _Terminated):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    return 0


if __name__ == "__main__":
    sys.exit(main())
