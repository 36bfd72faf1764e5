"""The `gonghui` command: `gonghui GROUP ACTION ...` runs the management command GROUP_ACTION.

gonghui bulletin parse FILE --json
gonghui import members FILE --org CODE
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    root = Path(__file__).resolve().parent.parent
    if (root / "manage.py").exists():
        # The project importable from anywhere; the working directory stays where the command
        # was typed, so that `gonghui import members 名册.xlsx` finds the file named there.
        sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django
    from django.core.management import execute_from_command_line, get_commands

    django.setup()
    if len(argv) >= 2 and f"{argv[0]}_{argv[1]}" in get_commands():
        argv = [f"{argv[0]}_{argv[1]}", *argv[2:]]
    execute_from_command_line(["gonghui", *argv])


if __name__ == "__main__":
    main()
