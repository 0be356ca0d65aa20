#!/usr/bin/env python
"""Django's command-line utility for CraftMatch."""

import os
import sys

# Commands that read no database and no Redis: they start no embedded server (the deployment
# check and the migrations check run in CI and in `make audit` with none).
NO_SERVER_COMMANDS = {
    "check", "makemigrations", "compilemessages", "makemessages", "help", "version",
    "diffsettings", "collectstatic", "squashmigrations", "startapp",
}


def needs_servers(argv: list[str]) -> bool:
    command = argv[1] if len(argv) > 1 else "help"
    return command not in NO_SERVER_COMMANDS and not command.startswith("-")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if needs_servers(sys.argv):
        from config import embedded

        embedded.ensure_started()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
