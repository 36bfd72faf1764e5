"""The embedded demo: SQLite under var/, debug toolbar-free, served by runserver."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
