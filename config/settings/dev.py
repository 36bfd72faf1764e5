"""The embedded demo: SQLite under var/, debug toolbar-free, served by runserver."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DJANGO_DEBUG", True)

# Long jobs run in a thread of the development server: `make demo` needs no extra service.
GONGHUI_INPROCESS_WORKER = env_bool("GONGHUI_INPROCESS_WORKER", True)

# Every audit row names an action and detail keys some module.py declares.
GONGHUI_AUDIT_STRICT = env_bool("GONGHUI_AUDIT_STRICT", True)
