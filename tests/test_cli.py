"""The CLI as a user runs it: output formats, exit codes, and one-line errors for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.report.common import printable
from checker.rules import RULES
from tests.conftest import REPO, SEED, UKRAINE

runner = CliRunner()
RU, EN = str(SEED / "ru.txt"), str(SEED / "en.txt")


def invoke(*args: str):
    return runner.invoke(app, list(args))


def assert_one_line_error(result, *must_contain: str) -> None:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output + result.stderr
    for text in must_contain:
        assert text in lines[0]


# --- align ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_alignment(use_encoder):
    result = invoke("align", RU, EN, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_align_json_covers_every_segment_once_in_order(seed_alignment):
    data = seed_alignment
    for side in ("source", "target"):
        n = len(data[side]["segments"])
        seen = [i for bead in data["alignment"] for i in bead[side]]
        assert seen == list(range(n)), side


def test_align_json_segments_point_into_the_file(seed_alignment):
    for side, path in (("source", RU), ("target", EN)):
        text = Path(path).read_text(encoding="utf-8")
        lines = text.split("\n")
        for seg in seed_alignment[side]["segments"]:
            assert text[seg["start"] : seg["end"]] == seg["text"]
            assert lines[seg["line"] - 1][seg["column"] - 1 :].startswith(seg["text"][:20])


def test_align_json_languages_and_signature(seed_alignment):
    assert seed_alignment["source"]["language"] == "ru"
    assert seed_alignment["target"]["language"] == "en"
    assert seed_alignment["signature"]["encoder"] == "use-multilingual-v3"
    scores = [b["score"] for b in seed_alignment["alignment"] if b["source"] and b["target"]]
    assert scores and all(-1 <= s <= 1 for s in scores)


def test_align_finds_the_untranslated_english_paragraph(seed_alignment):
    """The English has a paragraph (Peskov, the reply to NATO) that the Russian lacks."""
    added = [
        seed_alignment["target"]["segments"][b["target"][0]]["text"]
        for b in seed_alignment["alignment"]
        if not b["source"]
    ]
    assert any("Peskov" in t for t in added)
    assert any("approved the text" in t for t in added)


def test_align_tsv_and_text(use_encoder):
    tsv = invoke("align", RU, EN, "--format", "tsv")
    assert tsv.exit_code == 0
    rows = tsv.stdout.splitlines()
    assert rows[0].split("\t") == ["score", "source", "target", "source_text", "target_text"]
    assert any(r.split("\t")[3].startswith("Глава Политической") and "Kalachev" in r.split("\t")[4] for r in rows[1:])
    text = invoke("align", RU, EN)
    assert text.exit_code == 0
    assert "Калачев" in text.stdout and "Kalachev" in text.stdout


def test_align_output_file(tmp_path, use_encoder):
    out = tmp_path / "a.json"
    result = invoke("align", RU, EN, "--format", "json", "--output", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["alignment"]


def test_align_segmented(tmp_path, use_encoder):
    src = tmp_path / "s.txt"
    tgt = tmp_path / "t.txt"
    src.write_text("Первое предложение. Оно не делится.\nВторое предложение о погоде в Москве.\n", encoding="utf-8")
    tgt.write_text("The first sentence. It is not split.\nThe second sentence is about the weather in Moscow.\n", encoding="utf-8")
    data = json.loads(invoke("align", str(src), str(tgt), "--segmented", "--format", "json").stdout)
    assert [s["text"] for s in data["source"]["segments"]][0] == "Первое предложение. Оно не делится."
    assert [(b["source"], b["target"]) for b in data["alignment"]] == [([0], [0]), ([1], [1])]


# --- check ------------------------------------------------------------------------------


def test_check_exit_codes_follow_fail_on(use_encoder):
    assert invoke("check", RU, EN, "--glossary", str(UKRAINE)).exit_code == 1
    assert invoke("check", RU, EN, "--glossary", str(UKRAINE), "--fail-on", "never").exit_code == 0
    # Without the glossary only warnings remain on the seed (name spellings, the added paragraph).
    assert invoke("check", RU, EN).exit_code == 0
    assert invoke("check", RU, EN, "--fail-on", "warning").exit_code == 1


def test_check_select_and_ignore(use_encoder):
    only = json.loads(invoke("check", RU, EN, "-g", str(UKRAINE), "--format", "json", "--select", "TC1").stdout)
    assert only["findings"] and {f["code"] for f in only["findings"]} == {"TC102"}
    assert only["signature"]["rules"] == ["TC101", "TC102"]
    rest = json.loads(invoke("check", RU, EN, "-g", str(UKRAINE), "--format", "json", "--ignore", "term-forbidden,TC5").stdout)
    assert not {f["code"] for f in rest["findings"]} & {"TC102", "TC501", "TC502"}


def test_check_json_contract(use_encoder):
    data = json.loads(invoke("check", RU, EN, "-g", str(UKRAINE), "--format", "json").stdout)
    assert set(data) == {"version", "signature", "source", "target", "alignment", "findings", "summary", "warnings", "notices"}
    assert data["warnings"] == []  # Russian needs no optional encoder
    assert data["signature"]["glossaries"][0]["path"].endswith("ukraine.yaml")
    for f in data["findings"]:
        assert set(f) == {"rule", "code", "severity", "message", "source", "target", "suggestion", "suppressed"}
        assert f["suppressed"] is None
    summary = {s: sum(1 for f in data["findings"] if f["severity"] == s) for s in ("error", "warning", "info")}
    assert data["summary"] == summary


def test_check_text_output_for_an_editor(use_encoder):
    result = invoke("check", RU, EN, "-g", str(UKRAINE))
    out = result.stdout
    assert "term-forbidden" in out and "suggestion: Kyiv" in out
    assert f"{EN}:" in out  # findings carry the target path:line:column
    assert out.strip().splitlines()[-1].startswith("3 errors")


# --- rules ------------------------------------------------------------------------------


def test_rules_lists_every_rule():
    result = invoke("rules")
    assert result.exit_code == 0
    for rule in RULES:
        assert rule.code in result.stdout and rule.slug in result.stdout


def test_rules_shows_one_rules_documentation_and_declarations():
    result = invoke("rules", "TC102")
    assert result.exit_code == 0
    assert "What it does" in result.stdout and "term-forbidden" in result.stdout
    assert "Languages: all" in result.stdout
    assert "Supersedes: TC201 findings at the same target span with the same fix" in result.stdout
    assert '"{found}" is a forbidden rendering of "{term}"' in result.stdout
    assert "Thresholds: similarity = 0.25; similarity_e5 = 0.2; min_chars = 40" in invoke("rules", "weak-alignment").stdout


def test_rule_codes_are_unique_and_documented():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.slug for r in RULES}) == len(RULES)
    for rule in RULES:
        doc = rule.documentation()
        assert "What it does" in doc and "Why" in doc, rule.code


# --- bad input: one line, exit 2, no traceback ------------------------------------------


def test_missing_file(tmp_path):
    missing = str(tmp_path / "nope.txt")
    assert_one_line_error(invoke("check", missing, EN), missing)


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert_one_line_error(invoke("align", RU, str(empty)), str(empty))


def test_binary_file(tmp_path):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4)
    assert_one_line_error(invoke("check", str(binary), EN), str(binary))


def test_broken_glossary_names_file_and_line(tmp_path):
    g = tmp_path / "g.yaml"
    g.write_text("version: 1\nsource_language: ru\ntarget_language: en\nterms:\n  - source: Киев\n    targt: Kyiv\n", encoding="utf-8")
    assert_one_line_error(invoke("check", RU, EN, "--glossary", str(g)), f"{g}:6")


def test_unknown_rule_code():
    assert_one_line_error(invoke("check", RU, EN, "--select", "TC999"), "TC999")


def test_bad_fail_on():
    assert_one_line_error(invoke("check", RU, EN, "--fail-on", "sometimes"), "--fail-on")


def test_unknown_encoder():
    assert_one_line_error(invoke("align", RU, EN, "--encoder", "word2vec"), "word2vec")


def test_unwritable_output(tmp_path, use_encoder):
    out = tmp_path / "no" / "such" / "dir" / "r.json"
    assert_one_line_error(invoke("check", RU, EN, "--output", str(out)), str(out))


def test_readme_rule_table_is_what_the_rules_declare():
    """The README's table is `transcheck rules --format markdown`; regenerate it when this fails."""
    readme = (SEED.parent.parent / "README.md").read_text(encoding="utf-8").splitlines()
    start = readme.index("| code | slug | severity | reports |")
    end = next(i for i in range(start, len(readme)) if not readme[i].startswith("|"))
    table = "\n".join(readme[start:end]) + "\n"
    result = invoke("rules", "--format", "markdown")
    assert result.exit_code == 0
    assert table == result.stdout


def test_rules_markdown_page_of_one_rule():
    result = invoke("rules", "TC503", "-f", "markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith("# TC503 untranslated\n")
    assert "## What it does" in result.stdout
    assert "- Supersedes: every other rule's findings in the target sentences it flags" in result.stdout
    assert "- Languages: all" in result.stdout


# --- what a QA pass found -----------------------------------------------------------------


def test_output_never_overwrites_an_input(tmp_path):
    target = tmp_path / "en.txt"
    target.write_bytes(Path(EN).read_bytes())
    before = target.read_bytes()
    assert_one_line_error(invoke("check", RU, str(target), "--output", str(target)), "would overwrite")
    assert target.read_bytes() == before
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert_one_line_error(invoke("align", RU, str(link), "-o", str(target)), "would overwrite")
    assert target.read_bytes() == before


@pytest.mark.parametrize("value", ["", "russian", "r u"])
def test_a_language_option_must_be_a_code(value):
    assert_one_line_error(invoke("check", RU, EN, "--source-lang", value), "--source-lang")


def test_language_codes_are_normalised(use_encoder):
    data = json.loads(invoke("align", RU, EN, "--format", "json", "--source-lang", "RU", "--target-lang", "En").stdout)
    assert (data["source"]["language"], data["target"]["language"]) == ("ru", "en")


def test_a_target_left_in_the_source_language_fails(tmp_path, use_encoder):
    """A copy of the source is no translation, even though both sides read as Russian."""
    copy = tmp_path / "copy.txt"
    copy.write_bytes(Path(RU).read_bytes())
    result = invoke("check", RU, str(copy), "--format", "json")
    assert result.exit_code == 1
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert codes == {"TC503"}


def test_the_glossary_states_the_pair_when_detection_cannot(tmp_path, use_encoder):
    """Short lines are misdetected ("Zelensky arrives in Kharkov" reads as Norwegian)."""
    src, tgt = tmp_path / "s.txt", tmp_path / "t.txt"
    src.write_text("Зеленский прибыл в Харьков\n", encoding="utf-8")
    tgt.write_text("Zelensky arrives in Kharkov\n", encoding="utf-8")
    data = json.loads(invoke("check", str(src), str(tgt), "-g", str(UKRAINE), "--format", "json").stdout)
    assert data["target"]["language"] == "en"
    assert [f["code"] for f in data["findings"]] == ["TC102"]


UK_ARTICLE = (
    "Міністр оборони Олексій Резніков заявив, що Україна отримає 1,7 мільярда гривень на ремонт "
    "укріплень у Києві та Харкові. За його словами, роботи почнуться вже наступного тижня і триватимуть "
    "до кінця березня. Він також повідомив, що уряд виділить ще 3 тисячі тонн пального для громад області.\n"
)
EN_ARTICLE = (
    "Defense Minister Oleksii Reznikov said Ukraine would receive 1.7 billion hryvnias to repair "
    "fortifications in Kyiv and Kharkiv. According to him, the work will begin next week and last until "
    "the end of March. He also said the government would allocate another 3,000 tonnes of fuel for the region's communities.\n"
)


def test_a_whole_article_keeps_its_language_whatever_the_glossary_says(tmp_path, use_encoder):
    # A Ukrainian article checked with the ru→en glossary: read as Russian, its numbers
    # ("3 тисячі") would be misread and reported. One line says so instead.
    src, tgt = tmp_path / "uk.txt", tmp_path / "en.txt"
    src.write_text(UK_ARTICLE, encoding="utf-8")
    tgt.write_text(EN_ARTICLE, encoding="utf-8")
    ru_glossary = str(UKRAINE)
    assert_one_line_error(invoke("check", str(src), str(tgt), "-g", ru_glossary), "ru-en/ukraine.yaml", "uk→en (detected)")
    given = invoke("check", str(src), str(tgt), "-g", ru_glossary, "--source-lang", "uk")
    assert_one_line_error(given, "uk→en (source given, target detected)")
    uk_glossary = str(UKRAINE.parent.parent / "uk-en" / "ukraine.yaml")
    data = json.loads(invoke("check", str(src), str(tgt), "-g", uk_glossary, "--format", "json").stdout)
    assert (data["source"]["language"], data["findings"]) == ("uk", [])


def test_a_glossary_for_other_languages_is_an_error(tmp_path):
    g = tmp_path / "de.yaml"
    g.write_text("version: 1\nsource_language: de\ntarget_language: fr\nterms:\n  - source: Kiew\n    target: Kyiv\n",
                 encoding="utf-8")
    assert_one_line_error(invoke("check", RU, EN, "--glossary", str(g)), str(g), "de→fr")


def test_an_untranslated_sentence_is_one_finding(tmp_path, use_encoder):
    src, tgt = tmp_path / "s.txt", tmp_path / "t.txt"
    src.write_text("Правительство выделит 2,5 миллиарда гривен на ремонт школ. Работы начнутся весной.\n", encoding="utf-8")
    tgt.write_text("Правительство выделит 2,5 миллиарда гривен на ремонт школ. The work will begin in spring.\n",
                   encoding="utf-8")
    data = json.loads(invoke("check", str(src), str(tgt), "--format", "json", "--target-lang", "en").stdout)
    assert [f["code"] for f in data["findings"]] == ["TC503"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "--format", "xml", "a", "b"], "Invalid value for '--format'"),
        # no path: the configured pairs, and there are none here
        (["check", "--no-config"], "no pairs to check"),
        (["check", "only-one"], "give SOURCE TARGET"),
        (["frobnicate"], "No such command"),
    ],
)
def test_usage_errors_are_one_line_from_the_console_script(args, message):
    proc = subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in proc.stderr


# --- text that would drive the terminal -----------------------------------------------------

HOSTILE = "\x1b]0;X\x07", "\x1b[2J", "\x9b31m", "\u202e", "\x08"
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e", "\x08")


@pytest.fixture
def hostile_pair(tmp_path: Path) -> tuple[str, str]:
    title, clear, csi, bidi, backspace = HOSTILE
    src, tgt = tmp_path / "s.txt", tmp_path / "t.txt"
    src.write_text(f"Президент прибыл в Киев {title}утром.{clear} Министр {csi} заявил о 5 млн рублей.\n",
                   encoding="utf-8")
    tgt.write_text(f"The president arrived in Kiev {title}in the morning.{clear} The minister {csi} spoke of "
                   f"6 million rubles {bidi}{backspace}.\n", encoding="utf-8")
    return str(src), str(tgt)


@pytest.mark.parametrize("args", [["check", "-g", str(UKRAINE)], ["align"], ["align", "-f", "tsv"]])
def test_control_characters_are_shown_escaped(hostile_pair, args, use_encoder):
    result = invoke(args[0], *hostile_pair, *args[1:])
    assert result.exit_code in (0, 1), result.output
    for raw in RAW_CONTROLS:
        assert raw not in result.stdout, repr(raw)
    for shown in (r"\x1b]0;X\x07", r"\x1b[2J", r"\x9b31m", r"\u202e", r"\x08"):
        assert shown in result.stdout
    if args[0] == "check":
        assert "Kiev" in result.stdout and "TC401" in result.stdout  # the rules still read the text


@pytest.mark.parametrize("command", ["check", "align"])
def test_json_keeps_control_characters_as_json_escapes(hostile_pair, command, use_encoder):
    result = invoke(command, *hostile_pair, "-f", "json")
    for raw in RAW_CONTROLS:
        assert raw not in result.stdout, repr(raw)
    assert "\\u001b]0;X\\u0007" in result.stdout and "\\u009b" in result.stdout and "\\u202e" in result.stdout
    data = json.loads(result.stdout)
    texts = [s["text"] for s in data["target"]["segments"]] if command == "align" else [
        f["target"]["text"] for f in data["findings"]]
    assert any("\x1b]0;X\x07" in t and "\u202e" in t for t in texts)


# --- standard output that is closed, full or gone; interrupts; hostile paths ------------------
# Through the console script in a subprocess: these are about the process's own stdout and exit.


def _run(*args: str, stdout=None, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checker", *args], stdout=stdout if stdout is not None else subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, cwd=REPO, **kwargs)


def _one_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


@pytest.mark.parametrize("args", [["rules"], ["align", RU, EN]])
def test_a_reader_that_goes_away_ends_the_command_quietly(args):
    proc = subprocess.Popen([sys.executable, "-m", "checker", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=REPO)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the command writes: its first write meets a broken pipe
    assert proc.wait() == 141  # 128 + SIGPIPE, as a shell reports `yes | head`
    assert proc.stderr.read() == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", [["rules"], ["check", RU, EN, "-f", "json"]])
def test_a_full_stdout_is_one_line_and_exit_2(args):
    with open("/dev/full", "w") as full:
        proc = _run(*args, stdout=full)
    assert proc.returncode == 2
    assert _one_line(proc.stderr) == "transcheck: error: cannot write to standard output: No space left on device"


def test_a_closed_stdout_is_one_line_and_exit_2():
    proc = _run("rules", stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    assert proc.returncode == 2
    assert "standard output is closed" in _one_line(proc.stderr)


def test_a_closed_stdout_with_output_file_still_writes_it(tmp_path):
    out = tmp_path / "r.json"
    proc = _run("align", RU, EN, "-f", "json", "-o", str(out), stdout=subprocess.DEVNULL,
                preexec_fn=lambda: os.close(1))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["alignment"]


def test_ctrl_c_exits_130_with_one_line():
    # The command interrupts itself with a real SIGINT while it runs, as Ctrl-C would. The
    # handler is Python's own, as under a terminal: a test run started in the background of
    # a non-interactive shell inherits SIGINT ignored, and nothing would interrupt.
    code = (
        "import os, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "import checker.report.ruledocs as docs; "
        "docs.render_rules = lambda rules: os.kill(os.getpid(), signal.SIGINT) or ''; "
        "sys.argv = ['transcheck', 'rules']; from checker.cli import main; main()"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 130
    assert _one_line(proc.stderr) == "transcheck: interrupted"


@pytest.mark.parametrize("name", ["no\nsuch.txt", "bad\x1b]0;X\x07name.txt", "clear\x1b[2J.txt", "cr\rname.txt"])
def test_a_path_with_control_characters_is_escaped_in_the_one_line_error(tmp_path, name):
    path = str(tmp_path / name)
    proc = _run("check", path, EN)
    assert proc.returncode == 2
    line = _one_line(proc.stderr)
    assert "\x1b" not in line and "\x07" not in line and "\r" not in line
    assert printable(path) in line


def test_max_bytes_reaches_the_reader_or_is_refused():
    import inspect

    from checker.text.reading import read_text

    small = _run("check", RU, EN, "--max-bytes", "100")
    assert small.returncode == 2
    line = _one_line(small.stderr)
    if "max_bytes" in inspect.signature(read_text).parameters:
        assert "ru.txt" in line  # the reader refuses a file over the limit, naming it
        assert _run("align", RU, EN, "--max-bytes", "10000000").returncode == 0
    else:
        assert "--max-bytes is not supported" in line
    assert "--max-bytes" in _one_line(_run("align", RU, EN, "--max-bytes", "0").stderr)
