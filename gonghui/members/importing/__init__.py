"""Import of member ledgers (xlsx, csv): see pipeline.run_import."""

from .encode import RowError
from .pipeline import ImportResult, run_import
from .reader import FileRefused

__all__ = ["FileRefused", "ImportResult", "RowError", "run_import"]
