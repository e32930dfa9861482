"""The review page in a real browser: findings in place, filters, keyboard, and no XSS.

The seed pair (seeds/lenta-kalachev with the Ukraine glossary) goes through the real CLI;
each test opens the page it wrote in headless chromium. Screenshots and a PDF of the print
layout are saved under test-artifacts/ (TRANSCHECK_ARTIFACTS overrides) for a person to look at.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from checker.cli import app
from tests.browser.conftest import new_driver
from tests.conftest import SEED, UKRAINE

pytestmark = pytest.mark.slow

# Installed before any script of the page runs (CDP scripts are not subject to its CSP): they
# record what a payload that ran would do (alert, CSP violations, DOM changes after parsing).
WATCH = """
window.__alerts = []; window.__violations = []; window.__mutations = [];
['alert', 'confirm', 'prompt', 'print'].forEach(function (name) {
  window[name] = function (m) { window.__alerts.push(name + ':' + String(m)); };
});
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
});
document.addEventListener('DOMContentLoaded', function () {
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      // The page's own script writes only the tooltip and the current-finding bar, and sets
      // through CSSOM the bar's height on <html> and the place of the strip's view box.
      if (r.target.closest && r.target.closest('#tip, #cur')) return;
      if (r.attributeName === 'style' && (r.target === document.documentElement || r.target.matches('.strip .view'))) return;
      r.addedNodes.forEach(function (n) {
        if (n.nodeType === 1) window.__mutations.push(n.outerHTML.slice(0, 200));
      });
      if (r.type === 'attributes' && /^(on|src|href|style$)/.test(r.attributeName)) window.__mutations.push(r.attributeName);
    });
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true });
});
"""


def write_page(tmp: Path, *args: str) -> Path:
    out = tmp / "report.html"
    result = CliRunner().invoke(app, [*args, "--format", "html", "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    return out


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory, use_encoder) -> tuple[Path, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("seed")
    page = write_page(tmp, "check", str(SEED / "ru.txt"), str(SEED / "en.txt"), "-g", str(UKRAINE))
    report = CliRunner().invoke(
        app, ["check", str(SEED / "ru.txt"), str(SEED / "en.txt"), "-g", str(UKRAINE), "--format", "json"]
    )
    return page, json.loads(report.stdout)


def open_page(driver: Any, path: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    if not getattr(driver, "_watching", False):
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
        driver._watching = True
    driver.get_log("performance")  # drain: only this page's requests should follow
    driver.get(path.resolve().as_uri())
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.documentElement.dataset.ready") == "1")


def js(driver: Any, script: str, *args: Any) -> Any:
    return driver.execute_script(script, *args)


def page_findings(driver: Any) -> list[dict[str, Any]]:
    return js(driver, "return JSON.parse(document.getElementById('tc-data').textContent).findings")


def press(driver: Any, keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    for key in keys:
        ActionChains(driver).send_keys(key).perform()


def shown_items(driver: Any) -> list[str]:
    """Ids of the findings whose list item a user can see."""
    return js(driver, "return [...document.querySelectorAll('li.fi')].filter(li => li.offsetParent !== null).map(li => li.dataset.f)")


def in_view(driver: Any, element: Any) -> bool:
    """On screen, below the sticky bars, and the topmost element at its centre."""
    return js(
        driver,
        """const el = arguments[0], r = el.getBoundingClientRect();
        const bar = document.querySelector('.ph') ? Math.max(document.getElementById('bar').getBoundingClientRect().bottom,
            el.closest('.pair').querySelector('.ph').getBoundingClientRect().bottom) : 0;
        if (r.width === 0 || r.top < bar - 1 || r.bottom > innerHeight + 1) return false;
        const hit = document.elementFromPoint(r.left + Math.min(4, r.width / 2), r.top + r.height / 2);
        return hit === el || el.contains(hit);""",
        element,
    )


def test_every_finding_is_visible_at_its_place(browser, seed_page):
    from selenium.webdriver.common.by import By

    from checker.pipeline import load_document

    page, report = seed_page
    open_page(browser, page)
    findings = page_findings(browser)
    assert len(findings) == len(report["findings"]) == 5
    seen: Counter[tuple[Any, ...]] = Counter()
    for f in findings:
        drawn = browser.find_elements(By.CSS_SELECTOR, f'main [data-f~="{f["id"]}"]:is(mark, p)')
        assert drawn, f
        for el in drawn:
            # In the row of one of its sentences (two added sentences are two rows), on screen,
            # highlighted, and not covered by anything.
            assert js(browser, "return arguments[0].closest('.r').id", el).startswith("p0r")
            js(browser, "arguments[0].scrollIntoView({block: 'center'})", el)
            assert el.is_displayed() and in_view(browser, el), (f, el.text)
            assert el.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
        assert f["id"] in browser.find_element(By.ID, f["row"]).get_attribute("data-f").split()
        # What is highlighted on each side, the pieces in one sentence joined (overlaps split them).
        texts = js(browser, """const out = {s: {}, t: {}};
            document.querySelectorAll(`main [data-f~="${arguments[0]}"]:is(mark, p)`).forEach(el => {
              const side = el.closest('.c').classList.contains('s') ? 's' : 't';
              const p = el.closest('p'), key = [...document.querySelectorAll('main p')].indexOf(p);
              out[side][key] = (out[side][key] || '') + el.textContent;
            });
            return {s: Object.values(out.s).sort(), t: Object.values(out.t).sort()};""", f["id"])
        item = browser.find_element(By.ID, f"fi-{f['id']}")
        assert item.is_displayed() and f["message"] in item.text
        seen[(f["code"], f["message"], tuple(texts["s"]), tuple(texts["t"]))] += 1
    # The same, worked out from the JSON report: the span's text, or the whole sentences.
    docs = {side: load_document(report[side]["path"], language=report[side]["language"]) for side in ("source", "target")}
    expected: Counter[tuple[Any, ...]] = Counter()
    for r in report["findings"]:
        sides = []
        for side in ("source", "target"):
            loc = r[side]
            if loc is None or not loc["segments"]:
                sides.append(())
            elif loc["span"] is None:
                sides.append(tuple(sorted(docs[side].segments[i].text for i in loc["segments"])))
            else:
                sides.append((loc["span"],))
        expected[(r["code"], r["message"], *sides)] += 1
    assert seen == expected


def test_filters_hide_and_show_findings(browser, seed_page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page, _ = seed_page
    open_page(browser, page)
    findings = {f["id"]: f for f in page_findings(browser)}
    everything = sorted(findings)
    assert sorted(shown_items(browser)) == everything

    def chip(selector: str) -> Any:
        return browser.find_element(By.CSS_SELECTOR, selector).find_element(By.XPATH, "..")

    def highlights_follow(active: list[str]) -> bool:
        """A highlight is drawn exactly when one of the findings it carries is shown."""
        return js(browser, """return [...document.querySelectorAll('main :is(mark, p)[data-f]')].every(el =>
            el.classList.contains('off') === !el.dataset.f.split(' ').some(id => arguments[0].includes(id)))""", active)

    assert highlights_follow(everything)
    chip("input[data-sev=error]").click()
    warnings = sorted(i for i, f in findings.items() if f["severity"] == "warning")
    assert sorted(shown_items(browser)) == warnings
    assert highlights_follow(warnings)
    for fid, f in findings.items():
        tick = browser.find_element(By.CSS_SELECTOR, f'.strip rect[data-f="{fid}"]')
        assert tick.is_displayed() == (f["severity"] == "warning")
    assert browser.find_element(By.ID, "shown").text == f"{len(warnings)} of {len(findings)}"
    chip("input[data-sev=error]").click()
    assert sorted(shown_items(browser)) == everything

    chip("input[data-rule=TC102]").click()
    others = sorted(i for i, f in findings.items() if f["code"] != "TC102")
    assert sorted(shown_items(browser)) == others and highlights_follow(others)
    chip("input[data-rule=TC102]").click()
    assert sorted(shown_items(browser)) == everything

    # The search box narrows rows and findings to those that mention the term.
    search = browser.find_element(By.ID, "q")
    search.send_keys("Reznikov")
    browser.implicitly_wait(0)
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 5).until(lambda d: len(shown_items(d)) < len(everything))
    rows = js(browser, "return [...document.querySelectorAll('.r')].filter(r => !r.hidden).map(r => r.textContent.toLowerCase())")
    assert rows and all("reznikov" in r for r in rows)
    assert {findings[i]["code"] for i in shown_items(browser)} == {"TC102", "TC201"}
    search.send_keys(Keys.ESCAPE)
    WebDriverWait(browser, 5).until(lambda d: sorted(shown_items(d)) == everything)

    # Only the rows that hold a finding.
    browser.find_element(By.ID, "only").click()
    visible = js(browser, "return [...document.querySelectorAll('.r')].filter(r => !r.hidden).map(r => r.id)")
    flagged = js(browser, "return [...document.querySelectorAll('.r[data-f]')].map(r => r.id)")
    assert visible == flagged and 0 < len(visible) < js(browser, "return document.querySelectorAll('.r').length")
    assert "p0r16" in visible  # the second added sentence: drawn there, though placed in p0r15
    browser.find_element(By.ID, "only").click()


def test_keyboard_moves_between_findings(browser, seed_page):
    from selenium.webdriver.common.by import By

    page, _ = seed_page
    open_page(browser, page)
    order = [f["id"] for f in page_findings(browser)]
    n = len(order)

    def current() -> str:
        (item,) = browser.find_elements(By.CSS_SELECTOR, "li.fi.cur")
        fid = item.get_attribute("data-f")
        assert browser.find_element(By.ID, "pos").text == f"{order.index(fid) + 1} / {n}"
        # The finding's row is scrolled into view, its marks outlined, its message in the bar.
        f = next(f for f in page_findings(browser) if f["id"] == fid)
        row = browser.find_element(By.ID, f["row"])
        assert in_view(browser, row.find_element(By.CSS_SELECTOR, f'[data-f~="{fid}"]:is(mark, p)'))
        assert "cur" in row.get_attribute("class")
        assert f["message"] in browser.find_element(By.ID, "cur").text
        return fid

    assert browser.find_element(By.ID, "pos").text == f"– / {n}"
    press(browser, "j")
    assert current() == order[0]
    press(browser, "j")
    assert current() == order[1]
    press(browser, "n")
    assert current() == order[2]
    press(browser, "k")
    assert current() == order[1]
    press(browser, "pp")
    assert current() == order[-1]  # wraps around
    press(browser, "n")
    assert current() == order[0]
    # Navigation skips what the filters hide.
    browser.find_element(By.CSS_SELECTOR, "input[data-sev=warning]").find_element(By.XPATH, "..").click()
    errors = [f["id"] for f in page_findings(browser) if f["severity"] == "error"]
    visited = set()
    for _ in range(len(errors)):
        press(browser, "j")
        (item,) = browser.find_elements(By.CSS_SELECTOR, "li.fi.cur")
        visited.add(item.get_attribute("data-f"))
    assert visited == set(errors)
    # A click on a highlighted word selects its finding too.
    mark = browser.find_element(By.CSS_SELECTOR, f'mark[data-f~="{errors[0]}"]')
    js(browser, "arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    assert browser.find_element(By.CSS_SELECTOR, "li.fi.cur").get_attribute("data-f") == errors[0]


def test_hover_shows_code_message_and_suggestion(browser, seed_page):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    page, _ = seed_page
    open_page(browser, page)
    f = next(f for f in page_findings(browser) if f["code"] == "TC102")
    mark = browser.find_element(By.CSS_SELECTOR, f'.c.t mark[data-f~="{f["id"]}"]')
    js(browser, "arguments[0].scrollIntoView({block: 'center'})", mark)
    ActionChains(browser).move_to_element(mark).perform()
    tip = browser.find_element(By.ID, "tip")
    assert tip.is_displayed()
    assert "TC102" in tip.text and f["message"] in tip.text and f["suggestion"] in tip.text
    # The rule's documentation is in the page, one click away.
    link = browser.find_element(By.CSS_SELECTOR, f'#fi-{f["id"]} a.code')
    link.click()
    assert js(browser, "return location.hash") == "#rule-TC102"
    doc = browser.find_element(By.ID, "rule-TC102")
    assert doc.is_displayed() and "term-forbidden" in doc.text and "what it does" in doc.text.lower()


PAYLOAD_RU = """Глава МИД прибыл в Киев для переговоров о безопасности.

Он заявил: <script>window.__pwned = 1; document.title = 'pwned'</script> переговоры продолжатся.

Пресс-служба опубликовала ссылку <a href="javascript:window.__pwned=2">здесь</a> на полный текст заявления.

В тексте было <img src=x onerror="window.__pwned=3;document.body.setAttribute('data-pwned','1')"> изображение.

Закрывающий тег </textarea><script>window.__pwned=4</script><style>body{display:none}</style> не сработал.
"""
PAYLOAD_EN = """The foreign minister arrived in Kiev for talks on security.

He said: <script>window.__pwned = 1; document.title = 'pwned'</script> the talks will continue.

The press service published a link <a href="javascript:window.__pwned=2">here</a> to the full text of the statement.

The text had an <img src=x onerror="window.__pwned=3;document.body.setAttribute('data-pwned','1')"> image in it.

The closing tag </textarea><script>window.__pwned=4</script><style>body{display:none}</style> did nothing.

An added line </script><svg onload="window.__pwned=5"><iframe src="http://127.0.0.1:9/x"></iframe> at the end.
"""


def test_xss_payloads_in_an_article_run_nothing(browser, tmp_path, use_encoder, artifacts):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    (tmp_path / "ru.txt").write_text(PAYLOAD_RU, encoding="utf-8")
    (tmp_path / "en.txt").write_text(PAYLOAD_EN, encoding="utf-8")
    page = write_page(tmp_path, "check", str(tmp_path / "ru.txt"), str(tmp_path / "en.txt"), "-g", str(UKRAINE))
    open_page(browser, page)
    findings = page_findings(browser)
    assert any(f["code"] == "TC102" for f in findings)  # "Kiev": a highlighted span among the payloads
    assert any("</script>" in f["message"] for f in findings)  # the addition quotes its sentence
    # Exercise the script on the payload text: hover every highlight, walk every finding.
    for mark in browser.find_elements(By.CSS_SELECTOR, "main mark, main p.fl"):
        js(browser, "arguments[0].scrollIntoView({block: 'center'})", mark)
        ActionChains(browser).move_to_element(mark).perform()
    press(browser, "j" * (len(findings) + 1))
    search = browser.find_element(By.ID, "q")
    search.send_keys("<script>")
    browser.find_element(By.TAG_NAME, "body").click()

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    state = js(browser, """return {
        pwned: window.__pwned === undefined ? null : window.__pwned, title: document.title,
        bodyAttr: document.body.getAttribute('data-pwned'), alerts: window.__alerts,
        violations: window.__violations, mutations: window.__mutations,
        resources: performance.getEntriesByType('resource').map(e => e.name),
        elements: document.querySelectorAll('img, iframe, object, embed, textarea, form, base, frame').length,
        scripts: document.scripts.length, svgs: document.querySelectorAll('svg').length,
        styles: document.querySelectorAll('style').length,
        jsLinks: document.querySelectorAll('[href^="javascript" i], [src]').length,
        handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
        bodyShown: getComputedStyle(document.body).display}""")
    assert state["pwned"] is None and state["bodyAttr"] is None and state["title"].startswith("transcheck")
    assert state["alerts"] == [] and state["violations"] == [] and state["mutations"] == []
    assert state["resources"] == []
    assert (state["elements"], state["scripts"], state["svgs"], state["styles"], state["jsLinks"], state["handlers"]) == (0, 2, 1, 1, 0, 0)
    assert state["bodyShown"] == "block"
    # The payloads are shown, as text, where they are in the articles.
    from selenium.webdriver.common.keys import Keys

    search.send_keys(Keys.ESCAPE)
    rows = browser.find_element(By.CSS_SELECTOR, ".rows").text
    for text in ("<script>window.__pwned = 1;", "<img src=x onerror=", 'href="javascript:', "</textarea><script>", "<svg onload="):
        assert text in rows
    # No request but the page itself, from first byte to now.
    requests = [
        json.loads(e["message"])["message"]["params"]["request"]["url"]
        for e in browser.get_log("performance")
        if json.loads(e["message"])["message"]["method"] == "Network.requestWillBeSent"
    ]
    assert set(requests) <= {page.resolve().as_uri()}
    browser.save_screenshot(str(artifacts / "review-page-xss.png"))


def test_alignment_viewer_walks_unaligned_rows(browser, tmp_path, use_encoder):
    from selenium.webdriver.common.by import By

    page = write_page(tmp_path, "align", str(SEED / "ru.txt"), str(SEED / "en.txt"))
    open_page(browser, page)
    assert browser.find_elements(By.ID, "list") == [] and page_findings(browser) == []
    flagged = js(browser, "return [...document.querySelectorAll('.r.om, .r.ad, .r.wk')].map(r => r.id)")
    assert len(flagged) == 2  # the two added sentences of the seed
    press(browser, "j")
    assert browser.find_element(By.CSS_SELECTOR, ".r.cur").get_attribute("id") == flagged[0]
    assert browser.find_element(By.ID, "pos").text == "1 / 2"
    press(browser, "j")
    assert browser.find_element(By.CSS_SELECTOR, ".r.cur").get_attribute("id") == flagged[1]


def test_screenshots_print_and_phone_layouts(browser, seed_page, artifacts, tmp_path_factory):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    page, _ = seed_page
    open_page(browser, page)
    browser.save_screenshot(str(artifacts / "review-page-top.png"))
    press(browser, "jj")
    mark = browser.find_element(By.CSS_SELECTOR, "mark.cur")
    ActionChains(browser).move_to_element(mark).perform()
    shot = artifacts / "review-page.png"
    browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 30_000

    # Print: no toolbar, every row laid out, the findings listed after the article.
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        layout = js(browser, """return {bar: getComputedStyle(document.getElementById('bar')).display,
            list: getComputedStyle(document.getElementById('list')).display,
            rows: getComputedStyle(document.querySelector('.r')).contentVisibility,
            listBelow: document.getElementById('list').getBoundingClientRect().top > document.querySelector('.rows').getBoundingClientRect().bottom}""")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert layout == {"bar": "none", "list": "block", "rows": "visible", "listBelow": True}
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})["data"])
    assert pdf.startswith(b"%PDF")
    (artifacts / "review-page.pdf").write_bytes(pdf)

    # A phone: the two columns stack, nothing is wider than the screen.
    phone = new_driver(str(tmp_path_factory.mktemp("phone-profile")), 390, 844)
    try:
        open_page(phone, page)
        widths = js(phone, """const r = document.querySelector('.r');
            const [s, t] = r.querySelectorAll('.c');
            return {doc: document.documentElement.scrollWidth, view: innerWidth,
                    stacked: t.getBoundingClientRect().top >= s.getBoundingClientRect().bottom - 1}""")
        assert widths["doc"] <= widths["view"] and widths["stacked"]
        press(phone, "j")
        phone.save_screenshot(str(artifacts / "review-page-phone.png"))
    finally:
        phone.quit()


def test_suppressed_findings_show_on_request(browser, tmp_path, use_encoder):
    from dataclasses import replace

    from selenium.webdriver.common.by import By

    from checker.config import Settings
    from checker.glossary.schema import load_glossary
    from checker.pipeline import check, load_pair
    from checker.report.html import render_check

    settings, glossaries = Settings(), [load_glossary(UKRAINE)]
    src, tgt = load_pair(SEED / "ru.txt", SEED / "en.txt", settings, glossaries)
    report = check(src, tgt, settings=settings, glossaries=glossaries)
    first = report.findings[0]
    report = replace(report, findings=(replace(first, suppressed="external"), *report.findings[1:]))
    page = tmp_path / "suppressed.html"
    page.write_text(render_check(report), encoding="utf-8")
    open_page(browser, page)
    hidden = next(f["id"] for f in page_findings(browser) if f["suppressed"])
    assert hidden not in shown_items(browser) and len(shown_items(browser)) == len(report.findings) - 1
    browser.find_element(By.ID, "sup").click()
    assert hidden in shown_items(browser)
