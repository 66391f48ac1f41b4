"""The page shell both views share: escaping, embedded JSON, inlined assets and the CSP.

A page is one HTML file that loads nothing: its CSS and JS are read from this package and
inlined, and the Content-Security-Policy allows exactly those inline blocks (by SHA-256 hash), no
other script, style, font, image, frame or connection. A ``<script>`` that slipped into the page
through document text would therefore not run even if escaping failed.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

#: CJK-capable fonts first, so Chinese never falls back to a font without the glyphs
FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK JP", sans-serif'
)


def esc(value: object) -> str:
    """Text or attribute value, escaped (quotes too).

    >>> esc('"><img src=x onerror=alert(1)>')
    '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
    >>> esc(None)
    ''
    """
    return "" if value is None else html.escape(str(value), quote=True)


def plain(value: Any) -> Any:
    """``value`` with NaN/None-like cells, numpy scalars and tuples made JSON-ready.

    >>> plain({"a": float("nan"), "b": (1, 2.0), "c": [None]})
    {'a': None, 'b': [1, 2.0], 'c': [None]}
    """
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, int):
        return value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        try:
            return plain(item())
        except (TypeError, ValueError):
            pass
    tolist = getattr(value, "tolist", None)  # numpy arrays
    if callable(tolist):
        return plain(tolist())
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (ImportError, TypeError, ValueError):
        pass
    return str(value)


_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_text(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` left, so
    ``</script>`` or ``<!--`` in a value cannot end or comment out the block.

    >>> json_text({"t": "</script><script>x()</script>"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ex()\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(plain(data), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, code in _JSON_ESCAPES.items():
        text = text.replace(char, code)
    return text


def json_script(data: Any, element_id: str) -> str:
    return f'<script type="application/json" id="{esc(element_id)}">{json_text(data)}</script>'


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """A static file shipped in this package (``view.css``, ``view.js`` …)."""
    return resources.files(__name__.rpartition(".")[0]).joinpath(name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(scripts: Iterable[str], styles: Iterable[str]) -> str:
    """The policy: nothing from anywhere, except these exact inline scripts and styles."""
    script_src = " ".join(_sha256(s) for s in scripts) or "'none'"
    style_src = " ".join(_sha256(s) for s in styles) or "'none'"
    return (
        f"default-src 'none'; script-src {script_src}; style-src {style_src}; img-src data:; "
        "font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; "
        "worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'"
    )


def page(title: str, body: str, *, css: Iterable[str], js: Iterable[str], data: str = "", lang: str = "zh-CN") -> str:
    """A whole HTML document. ``css``/``js`` are asset names; ``data`` is ``json_script`` output
    (placed before the scripts that read it)."""
    styles = [asset(n) for n in css]
    scripts = [asset(n) for n in js]
    style_tags = "".join(f"<style>{s}</style>" for s in styles)
    script_tags = "".join(f"<script>{s}</script>" for s in scripts)
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp(scripts, styles))}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n{style_tags}\n</head>\n<body>\n{body}\n{data}\n{script_tags}\n</body>\n</html>\n"
    )


__all__ = ["FONT_STACK", "esc", "plain", "json_text", "json_script", "asset", "csp", "page"]
