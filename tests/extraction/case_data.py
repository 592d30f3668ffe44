"""The case tables of the extraction tests, read from tests/extraction/cases/<name>.toml.

A case file holds arrays of tables (`[[found]]`, `[[no_meeting]]`, ...), one table a case, each with an `id`
(the pytest id) and the fields its test reads. TOML has no null: the string "<none>" stands for an expected
None wherever it is a value (a field, or a speaker); it is read back as None, so the test compares with None.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

CASES = Path(__file__).parent / "cases"
NONE = "<none>"


def _read_none(value: Any) -> Any:
    if isinstance(value, str) and value == NONE:
        return None
    if isinstance(value, dict):
        return {key: _read_none(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_read_none(item) for item in value]
    return value


def cases(name: str, table: str) -> list[Any]:
    """The cases of `table` in cases/<name>.toml, one pytest.param each: the case's table (a dict), by its id."""
    with (CASES / f"{name}.toml").open("rb") as f:
        rows = tomllib.load(f)[table]
    return [pytest.param(_read_none(row), id=row["id"]) for row in rows]
