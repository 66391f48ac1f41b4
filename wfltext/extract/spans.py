"""Overlap resolution within one record type: :func:`wfltext.spans.filter_spans`, here too."""

from ..spans import filter_spans

__all__ = ["filter_spans"]
