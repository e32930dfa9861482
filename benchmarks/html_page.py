"""Size and time to interactive of the HTML review page for a long pair, in headless Chromium.

    python benchmarks/html_page.py [--sentences 2000] [--runs 5] [--keep PAGE.html]

Builds a pair of about 2,000 sentences a side from whole ../shared/eval/wmt-ru-en-dev-hard
articles (real omissions, additions and joined sentences, so the page has findings and
unaligned rows), checks it with the Ukraine glossary, renders the page and opens it in
Debian's chromium (as the browser tests do). Prints, asserts nothing. Targets (issue 11):
under 2 MB, interactive in under 1 s.

"Interactive" is when the page's script has read the data, applied the filters, attached
every handler, and the first frame after it has been laid out and painted (the page's marks
transcheck-ready, then transcheck-painted), measured from the start of navigation; the first
load is cold (fresh profile), the others are reloads. Also printed: parsing (until the script
starts), the script itself, and what a filter click and "next finding" cost afterwards.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from _common import REPO, joined_articles

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1400,1000",
)


def make_pair(n: int, out_dir: Path) -> tuple[Path, Path]:
    """About n sentences per side: whole wmt-ru-en-dev-hard articles, repeated if need be."""
    return joined_articles("wmt-ru-en-dev-hard", n, out_dir)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="also write the page here")
    args = ap.parse_args()

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    from checker.config import Settings
    from checker.glossary.schema import load_glossary
    from checker.pipeline import check, load_pair
    from checker.report.html import render_check

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        src_path, tgt_path = make_pair(args.sentences, out)
        settings = Settings(source_language="ru", target_language="en")
        glossaries = [load_glossary(REPO / "glossaries" / "ru-en" / "ukraine.yaml")]
        t0 = time.perf_counter()
        src, tgt = load_pair(src_path, tgt_path, settings, glossaries)
        report = check(src, tgt, settings=settings, glossaries=glossaries)
        checked = time.perf_counter() - t0
        t0 = time.perf_counter()
        page = render_check(report)
        rendered = time.perf_counter() - t0
        size = len(page.encode("utf-8"))
        page_path = out / "review.html"
        page_path.write_text(page, encoding="utf-8")
        if args.keep:
            args.keep.write_text(page, encoding="utf-8")
        kinds = {"om": sum(1 for a in report.alignments if not a.target), "ad": sum(1 for a in report.alignments if not a.source)}
        print(
            f"pair: {len(src.segments)} / {len(tgt.segments)} sentences, {len(report.alignments)} rows "
            f"({kinds['om']} omitted, {kinds['ad']} added), {len(report.findings)} findings; check {checked:.1f} s"
        )
        print(f"render: {rendered * 1000:.0f} ms; page size {size / 1e6:.2f} MB ({size:,} bytes; target < 2 MB)")

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={out / 'profile'}")
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        try:
            painted, parse, script, walls = [], [], [], []
            for run in range(args.runs):
                t0 = time.perf_counter()
                driver.get(page_path.as_uri())
                WebDriverWait(driver, 30).until(
                    lambda d: d.execute_script("return performance.getEntriesByName('transcheck-painted').length") == 1
                )
                walls.append(time.perf_counter() - t0)
                start, ready, first_frame = driver.execute_script(
                    "return ['transcheck-start', 'transcheck-ready', 'transcheck-painted']"
                    ".map(name => performance.getEntriesByName(name)[0].startTime);"
                )
                painted.append(first_frame / 1000)
                parse.append(start / 1000)
                script.append((ready - start) / 1000)
            # What a filter click and a "next finding" cost once the page is up.
            costs = driver.execute_script(
                """const t0 = performance.now();
                document.querySelector('input[data-sev=warning]').click();
                const t1 = performance.now();
                document.querySelector('input[data-sev=warning]').click();
                document.getElementById('next').click();
                const t2 = performance.now();
                return [t1 - t0, t2 - t1];"""
            )
        finally:
            driver.quit()
        print(
            f"time to interactive: first (cold) {painted[0]:.2f} s, median of {args.runs} {statistics.median(painted):.2f} s"
            f" (target < 1 s): parsing {statistics.median(parse):.2f} s, script {statistics.median(script) * 1000:.0f} ms,"
            f" then the first frame; driver round trip {statistics.median(walls):.2f} s"
        )
        print(f"interaction: severity filter {costs[0]:.0f} ms, filter back + next finding {costs[1]:.0f} ms")
        # The machine is shared: a figure means little without how busy it was.
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
