"""Partnerlib: the partners and events of a library's social partnerships, read, checked and summarised."""

from partnerlib.errors import Problem
from partnerlib.reader import ImportResult, read_workbook

__all__ = ["ImportResult", "Problem", "read_workbook"]
__version__ = "0.1.0"
