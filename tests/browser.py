"""Helpers for browser tests: Debian's chromium driven by Playwright, the site on loopback only."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import pathlib
import shutil
import threading
from typing import Iterator
from urllib.parse import urlparse

import pytest

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_path() -> str:
    """Debian's chromium, or skip (fail when CI=true: CI must run the browser tests)."""
    path = shutil.which("chromium")
    if path is None:
        message = "chromium is not installed (apt-get install chromium); browser tests need it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@contextlib.contextmanager
def serve(folder: pathlib.Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 on a free port; yield the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def block_non_loopback(context, blocked: list[str]) -> None:
    """Abort every request that does not go to this machine; remember what was blocked."""

    def route(request_route) -> None:
        host = urlparse(request_route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)


def offline_page(browser):
    """A page in a context of its own that accepts downloads, with every request off this machine
    blocked: (context, page, page errors, blocked urls)."""
    context = browser.new_context(accept_downloads=True)
    blocked: list[str] = []
    block_non_loopback(context, blocked)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors, blocked
