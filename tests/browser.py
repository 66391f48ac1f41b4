"""Drive headless Chromium (the system's, through Playwright) for the page tests and benchmarks.

``open_page(path)`` loads a local HTML file and records what a reader would want to know went
wrong: console errors, uncaught exceptions, and every request other than the page itself (all of
them are aborted, so a page that tries the network fails loudly instead of hanging).
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("WFLTEXT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def unavailable() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright; never 'playwright install')"
    if chromium_path() is None:
        return "Chromium is not installed (apt-get install chromium fonts-noto-cjk)"
    return None


@dataclass
class PageLog:
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    #: requests other than the page's own file, all aborted
    requests: list[str] = field(default_factory=list)


@contextmanager
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@contextmanager
def open_page(path: str | os.PathLike, *, browser_=None, width: int = 1280, height: int = 900) -> Iterator[tuple[object, PageLog]]:
    """The page at ``path`` loaded (``load`` event passed), with its log."""
    url = Path(path).resolve().as_uri()
    log = PageLog()
    with (browser() if browser_ is None else _given(browser_)) as b:
        context = b.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
        try:
            page = context.new_page()

            def route(r):
                if r.request.url.split("#")[0] == url:
                    r.continue_()
                else:
                    log.requests.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: log.page_errors.append(str(e)))
            # requests the router never sees (data:, a CSP-blocked load) still show up here
            page.on("request", lambda r: None if r.url.split("#")[0] == url or r.url.startswith("data:") or r.url in log.requests else log.requests.append(r.url))
            page.goto(url, wait_until="load")
            yield page, log
        finally:
            context.close()


@contextmanager
def _given(b):
    yield b


def screenshot(page, name: str, *, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = ARTIFACTS / name
    page.screenshot(path=str(out), full_page=full_page)
    return out


def load_timing(page) -> dict[str, float]:
    """Milliseconds from navigation start to first paint, DOMContentLoaded and load."""
    return page.evaluate(
        """() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByType('paint');
        const fp = paint.find(p => p.name === 'first-contentful-paint') || paint[0];
        return {first_paint: fp ? fp.startTime : NaN, dom_content_loaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd};
    }"""
    )
