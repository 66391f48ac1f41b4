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
    """Milliseconds from navigation start to first contentful paint, DOMContentLoaded and load.

    The paint entry may land after ``load``; it is awaited (up to 5 s) with a buffered observer."""
    return page.evaluate(
        """() => new Promise(resolve => {
        const nav = performance.getEntriesByType('navigation')[0];
        const done = fcp => resolve({first_paint: fcp, dom_content_loaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd});
        const seen = performance.getEntriesByName('first-contentful-paint');
        if (seen.length) return done(seen[0].startTime);
        const timer = setTimeout(() => done(NaN), 5000);
        new PerformanceObserver(list => {
            const e = list.getEntriesByName('first-contentful-paint')[0];
            if (e) { clearTimeout(timer); done(e.startTime); }
        }).observe({type: 'paint', buffered: true});
    })"""
    )


def main(argv: list[str] | None = None) -> int:
    """``python tests/browser.py PAGE.html OUT.png [--height H] [--hover SELECTOR] [--scroll SELECTOR]``:
    a screenshot of a page as a reader first sees it (how docs/img/ is made)."""
    import argparse

    p = argparse.ArgumentParser(description=main.__doc__)
    p.add_argument("page")
    p.add_argument("out")
    p.add_argument("--width", type=int, default=1280)
    p.add_argument("--height", type=int, default=900)
    p.add_argument("--hover", help="hover this element first (shows the document view's card)")
    p.add_argument("--scroll", help="scroll this element into view first")
    args = p.parse_args(argv)
    reason = unavailable()
    if reason:
        print(reason)
        return 1
    with open_page(args.page, width=args.width, height=args.height) as (page, log):
        if args.scroll:
            page.locator(args.scroll).first.scroll_into_view_if_needed()
        if args.hover:
            page.hover(args.hover)
        page.screenshot(path=args.out)
        print(f"{args.out}: {os.path.getsize(args.out) / 1024:,.0f} kB; {log}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
