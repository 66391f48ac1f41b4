"""Sub-commands of the ``wfltext`` command line, one module each (see :mod:`wfltext.cli`)."""

from __future__ import annotations

from ..errors import InputError
from ..records import check_types


def parse_types(text: str | None, *, check: bool = True) -> tuple[str, ...] | None:
    """The record types of a ``--types`` option (comma-separated; None when not given). With
    ``check``, an unregistered type is an :class:`~wfltext.errors.InputError`.

    >>> parse_types("number, program"), parse_types(None)
    (('number', 'program'), None)
    """
    if not text:
        return None
    types = tuple(t.strip() for t in text.split(",") if t.strip())
    if check:
        try:
            check_types(types)
        except ValueError as err:
            raise InputError(f"{err} (in --types)") from None
    return types or None
