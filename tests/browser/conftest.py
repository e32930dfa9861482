"""A real browser for the review page: Debian's chromium, driven through its chromedriver.

Missing pieces skip the browser tests on a developer's machine, with the reason; in CI
(CI=true) they fail instead, so that a CI run never passes without having run them.
`scripts/setup --test` installs chromium and chromium-driver (apt) and selenium (pip).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(os.environ.get("TRANSCHECK_ARTIFACTS", REPO / "test-artifacts"))

# No network of any kind: no QUIC probing, no component or safe-browsing updates, no sync.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
)


def missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: the browser tests must run in CI (scripts/setup --test installs it)", pytrace=False)
    pytest.skip(reason)


def new_driver(user_data_dir: str, width: int = 1400, height: int = 1000) -> Any:
    """A headless chromium with a fresh profile; performance logs on, to see every request."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("selenium is not installed (pip install -e '.[test]')")
        raise
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not binary.exists():
            missing(f"{binary} is missing (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={user_data_dir}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    # Both paths given: selenium never looks for (or downloads) a driver of its own.
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    profile = tempfile.mkdtemp(prefix="transcheck-chromium-")
    driver = new_driver(profile)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
