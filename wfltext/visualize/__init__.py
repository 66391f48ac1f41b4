"""HTML views of analyzed reports: one self-contained page per document or per corpus.

- :func:`render_document` turns ``Document.to_dict()`` output (one dict or several) into a page
  that shows the original text with every record highlighted, the outline as navigation and the
  normalizer's fixes in place. It reads the dict alone and never re-analyses.
- :func:`render_dashboard` turns a corpus store (``wfltext run --db``) into a page of counts,
  top names, numbers, a timeline and an organization network, drawn as inline SVG.

Both pages load nothing from the network: styles and scripts are inlined, a Content-Security-
Policy meta tag allows only those inline blocks (by hash), and every piece of document text is
escaped.
"""

from __future__ import annotations

from .dashboard import corpus_stats, render_dashboard
from .document import render_document, segments

__all__ = ["render_document", "render_dashboard", "corpus_stats", "segments"]
