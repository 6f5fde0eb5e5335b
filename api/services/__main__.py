"""``python -m api.services up|down|status|install``: the same as ``sohoa services …``, for
scripts and for trying the package without the CLI."""

from __future__ import annotations

import argparse
import sys
import time

from api.settings import load_settings

from . import ServiceError, ServiceState, down, install, status, up

EXIT_USER_ERROR = 2
EXIT_SERVICE_DOWN = 3


def _print_states(states: list[ServiceState]) -> bool:
    for st in states:
        mark = "ok  " if st.healthy else "DOWN"
        pid = f"pid {st.pid}" if st.pid else "-"
        print(f"{mark} {st.name:<10} {pid:<12} {st.detail}")
    return all(st.healthy for st in states)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api.services", description=__doc__)
    parser.add_argument("command", choices=("up", "down", "status", "install"))
    args = parser.parse_args(argv)
    settings = load_settings()
    started = time.monotonic()
    try:
        if args.command == "install":
            install(settings)
            return 0
        if args.command == "status":
            return 0 if _print_states(status(settings)) else EXIT_SERVICE_DOWN
        if args.command == "down":
            _print_states(down(settings))
            return 0
        ok = _print_states(up(settings))
        print(f"up took {time.monotonic() - started:.1f} s")
        return 0 if ok else EXIT_SERVICE_DOWN
    except ServiceError as exc:
        print(f"✗ {exc.code}: {exc.message_vi}\n  {exc.message_en}\n  {exc}", file=sys.stderr)
        return EXIT_SERVICE_DOWN if exc.status >= 500 else EXIT_USER_ERROR


if __name__ == "__main__":
    sys.exit(main())
