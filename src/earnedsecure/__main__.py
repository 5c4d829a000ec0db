"""The ``earnedsecure`` command: serve, demo, export and the Django management commands.

Each sub-command is a thin wrapper; the work lives in services and management commands so the same code
runs from tests, from ``earnedsecure manage ...`` and from here.
"""

import argparse
import os
import sys


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earnedsecure.settings")
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def cmd_serve(args: argparse.Namespace) -> int:
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command

    _migrate()
    call_command("collectstatic", interactive=False, verbosity=0)
    if args.demo:
        call_command("demo", months=args.months)
    if not args.no_worker:
        # Single-machine default: reminders run in this process; `earnedsecure worker` runs them elsewhere.
        from earnedsecure.journey.worker import start_background_worker

        start_background_worker()
    import waitress

    from earnedsecure.wsgi import application

    # On one's own computer, localhost: browsers allow passkeys there and at https addresses, not at 127.0.0.1.
    shown = "localhost" if args.host in ("127.0.0.1", "localhost") else args.host
    print(f"Earned Secure is running at http://{shown}:{args.port}/  (Ctrl+C to stop)", flush=True)
    print(f"Data folder: {settings.DATA_DIR}", flush=True)
    # The body limit here too: waitress reads a whole body (to disk past 512 KB) before Django sees a byte of it.
    waitress.serve(
        application,
        host=args.host,
        port=args.port,
        threads=args.threads,
        ident="",
        _quiet=True,
        max_request_body_size=settings.REQUEST_BODY_MAX_BYTES,
    )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import call_command

    _migrate()
    call_command("demo", months=args.months)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    _migrate()
    try:
        call_command("export_person", username=args.username, output=args.output)
    except CommandError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earnedsecure.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["earnedsecure manage", *args.rest])
    return 0


# Sub-commands that are management commands of the apps, forwarded with their own arguments and help.
FORWARDED: dict[str, str] = {
    "score": "score an instrument from answers given in published item order (prints JSON)",
    "instruments": "list the instruments with their terms",
    "fhir": "print FHIR R4 resources (e.g. 'fhir questionnaire phq-9')",
    "analyze": "analyse a thought or a message draft offline (prints JSON)",
    "worker": "run the background task worker (reminders)",
    "backup": "write an encrypted backup of the whole database, and one of the key store (e.g. 'backup FILE')",
    "restore": "replace the whole database with an encrypted backup ('restore FILE [--keys KEYFILE]')",
    "research": "studies and the de-identified export ('research export --study S --out DIR --recipient R --dua D')",
}


def cmd_forward(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earnedsecure.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([f"earnedsecure {args.command}", args.command, *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="earnedsecure", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="apply migrations and serve the app with a production WSGI server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--threads", type=int, default=8)
    serve.add_argument("--demo", action="store_true", help="create or refresh the demo person first")
    serve.add_argument("--months", type=int, default=6, help="months of demo history (with --demo)")
    serve.add_argument("--no-worker", action="store_true", help="do not run background tasks in this process")
    serve.set_defaults(func=cmd_serve)

    demo = sub.add_parser("demo", help="create or refresh a demo person with months of realistic history")
    demo.add_argument("--months", type=int, default=6)
    demo.set_defaults(func=cmd_demo)

    export = sub.add_parser("export", help="print all of one person's data as JSON")
    export.add_argument("--username", required=True)
    export.add_argument("--output", default="-", help="file to write (default: standard output)")
    export.set_defaults(func=cmd_export)

    manage = sub.add_parser("manage", help="run a Django management command", add_help=False)
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)

    for name, help_text in FORWARDED.items():
        forwarded = sub.add_parser(name, help=help_text, add_help=False)
        forwarded.add_argument("rest", nargs=argparse.REMAINDER)
        forwarded.set_defaults(func=cmd_forward)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in {*FORWARDED, "manage"}:
        # Hand everything after the name to Django untouched, options first included ("worker --once").
        namespace = argparse.Namespace(command=argv[0], rest=argv[1:])
        return cmd_manage(namespace) if argv[0] == "manage" else cmd_forward(namespace)
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
