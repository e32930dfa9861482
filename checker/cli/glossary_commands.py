"""`transcheck glossary …`: list, show, add, set, remove, validate, import, export, suggest.

Edits are lossless (comments, order and layout of untouched entries stay), atomic and
locked; an edit that would make the glossary invalid is refused and the file stays as it was.
TERM names an entry: ``#N`` (the N-th entry), its id, one of its source forms or, failing
those, one of its target forms; an ambiguous TERM is an error that lists the candidates.

Exit codes: 0 done / clean, 1 ``validate`` found problems, 2 error (nothing written).
Runnable on its own: ``python -m checker.cli.glossary_commands``.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from checker.cli.app import new_app, refuse_overwrite, reports_errors
from checker.errors import GlossaryError
from checker.report.common import plural

if TYPE_CHECKING:
    from checker.glossary.transaction import EditResult

app = new_app("glossary", "List, edit, validate, import, export and suggest glossary entries.")


class ExportFormat(str, Enum):
    tbx = "tbx"
    csv = "csv"
    tsv = "tsv"


FileArg = Annotated[Path, typer.Argument(help="The glossary YAML file.", show_default=False)]
TermArg = Annotated[str, typer.Argument(help="The entry: #N, its id, a source form or a target form.", show_default=False)]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", "-n", help="Print a unified diff instead of writing the file.")]
Many = Optional[list[str]]


class OnConflict(Enum):  # checker.glossary.merge.MergePolicy, without importing ruamel for every command
    error = "error"
    skip = "skip"
    replace = "replace"
    merge = "merge"


def _emit_result(result: EditResult, dry_run: bool) -> None:
    if dry_run:
        sys.stdout.write(result.diff())
    elif not result.changed:
        typer.echo(f"{result.path}: unchanged", err=True)


@app.command("list")
@reports_errors
def list_(
    file: FileArg,
    search: Annotated[Optional[str], typer.Option("--search", "-s", help="Only entries with TEXT in any field (case-insensitive).")] = None,
) -> None:
    """Show the entries of FILE as a table.

    Over 2,000 entries, one tab-separated line per entry instead (with a header line): a
    drawn table of that size takes minutes to lay out, and is for grep, not for reading."""
    from checker.glossary.document import printable
    from checker.glossary.operations import search_entries
    from checker.glossary.transaction import load_file

    glossary = load_file(str(file))
    title = printable(f"{file} ({glossary.source_language} → {glossary.target_language})")
    rows = [[str(i), str(t.line), *(printable(c) for c in (
        t.id or "", ", ".join(t.source), ", ".join(t.target), ", ".join(t.forbidden), ", ".join(t.exceptions),
        t.note or ""))] for i, t in search_entries(glossary, search)]
    if len(rows) > LIST_TABLE_ROWS:
        lines = ["\t".join(LIST_COLUMNS)] + ["\t".join(c.replace("\t", "\\t").replace("\n", "\\n") for c in r)
                                             for r in rows]
        sys.stdout.write("\n".join(lines) + "\n")
        typer.echo(f"{title}: {plural(len(rows), 'entry', 'entries')}", err=True)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for name in LIST_COLUMNS:
            table.add_column(name, overflow="fold")
        for row in rows:
            table.add_row(*row)
        Console(file=sys.stdout, width=_width()).print(table)
    if search and not rows:
        typer.echo(printable(f"no entry matches {search!r}"), err=True)


LIST_COLUMNS = ("#", "line", "id", "source", "target", "forbidden", "exceptions", "note")
LIST_TABLE_ROWS = 2000


def _width() -> int:
    try:
        return max(80, os.get_terminal_size().columns)
    except OSError:
        return 120


@app.command()
@reports_errors
def show(file: FileArg, term: TermArg) -> None:
    """Print the entry TERM of FILE as it is written there, with its line number."""
    from checker.glossary.document import printable
    from checker.glossary.operations import show_entry

    line, text = show_entry(str(file), term)
    typer.echo(printable(f"# {file}:{line}"))
    typer.echo(printable(text))


@app.command()
@reports_errors
def add(
    file: FileArg,
    source: Annotated[list[str], typer.Option("--source", help="A source form (repeat for alternatives).", show_default=False)],
    target: Annotated[list[str], typer.Option("--target", help="An approved rendering (repeat; the first is preferred).", show_default=False)],
    forbidden: Annotated[Many, typer.Option("--forbidden", help="A forbidden rendering (repeat).")] = None,
    exception: Annotated[Many, typer.Option("--exception", help="A target phrase in which a forbidden form is fine (repeat).")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="A note for translators and editors.")] = None,
    id: Annotated[Optional[str], typer.Option("--id", help="A stable id for the entry.")] = None,
    case_sensitive: Annotated[bool, typer.Option("--case-sensitive", help="Match case-sensitively.")] = False,
    match_surname: Annotated[bool, typer.Option("--match-surname", help="A surname alone is a mention (full names).")] = False,
    dry_run: DryRunOpt = False,
) -> None:
    """Append an entry at the end of FILE's terms, in the file's style.

    Refused (exit 2, FILE untouched) when the result would fail `glossary validate` FILE with
    a problem FILE did not already have. An empty --note or --id is the same as none."""
    from checker.glossary.operations import add_entry
    from checker.glossary.schema import Term

    new = Term(tuple(source), tuple(target), tuple(forbidden or ()), tuple(exception or ()), note or None,
               case_sensitive, id or None, match_surname=match_surname)
    _emit_result(add_entry(str(file), new, dry_run=dry_run), dry_run)


@app.command("set")
@reports_errors
def set_(
    file: FileArg,
    term: TermArg,
    source: Annotated[Many, typer.Option("--source", help="Replace the source forms (repeat).")] = None,
    add_source: Annotated[Many, typer.Option("--add-source", help="Add a source form.")] = None,
    remove_source: Annotated[Many, typer.Option("--remove-source", help="Remove a source form.")] = None,
    target: Annotated[Many, typer.Option("--target", help="Replace the approved renderings (repeat; first preferred).")] = None,
    add_target: Annotated[Many, typer.Option("--add-target", help="Add an approved rendering (after the others).")] = None,
    remove_target: Annotated[Many, typer.Option("--remove-target", help="Remove an approved rendering.")] = None,
    forbidden: Annotated[Many, typer.Option("--forbidden", help="Replace the forbidden renderings (repeat).")] = None,
    add_forbidden: Annotated[Many, typer.Option("--add-forbidden", help="Add a forbidden rendering.")] = None,
    remove_forbidden: Annotated[Many, typer.Option("--remove-forbidden", help="Remove a forbidden rendering.")] = None,
    exception: Annotated[Many, typer.Option("--exception", help="Replace the exceptions (repeat).")] = None,
    add_exception: Annotated[Many, typer.Option("--add-exception", help="Add an exception.")] = None,
    remove_exception: Annotated[Many, typer.Option("--remove-exception", help="Remove an exception.")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Set the note.")] = None,
    no_note: Annotated[bool, typer.Option("--no-note", help="Remove the note.")] = False,
    id: Annotated[Optional[str], typer.Option("--id", help="Set the id.")] = None,
    no_id: Annotated[bool, typer.Option("--no-id", help="Remove the id.")] = False,
    case_sensitive: Annotated[Optional[bool], typer.Option("--case-sensitive/--no-case-sensitive", help="Match case-sensitively or not.", show_default=False)] = None,
    match_surname: Annotated[Optional[bool], typer.Option("--match-surname/--no-match-surname", help="A surname alone is a mention, or not.", show_default=False)] = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Change fields of the entry TERM of FILE; other entries and keys stay as written.

    Refused (exit 2, FILE untouched) when the result would fail `glossary validate` FILE with
    a problem FILE did not already have. An empty --note or --id removes it, as --no-note and
    --no-id do."""
    from checker.glossary.operations import EntryChanges, ListChange, change_entry

    if note == "":
        note, no_note = None, True
    if id == "":
        id, no_id = None, True
    if note is not None and no_note or id is not None and no_id:
        raise GlossaryError("--note/--no-note and --id/--no-id exclude each other", path=str(file))
    lists = {key: ListChange(tuple(replace or ()), tuple(plus or ()), tuple(minus or ()))
             for key, replace, plus, minus in (
                 ("source", source, add_source, remove_source), ("target", target, add_target, remove_target),
                 ("forbidden", forbidden, add_forbidden, remove_forbidden),
                 ("exceptions", exception, add_exception, remove_exception))}
    scalars: dict[str, object] = {}
    if note is not None or no_note:
        scalars["note"] = note
    if id is not None or no_id:
        scalars["id"] = id
    for key, flag in (("case_sensitive", case_sensitive), ("match_surname", match_surname)):
        if flag is not None:
            scalars[key] = True if flag else None
    _emit_result(change_entry(str(file), term, EntryChanges(lists, scalars), dry_run=dry_run), dry_run)


@app.command()
@reports_errors
def remove(file: FileArg, term: TermArg, dry_run: DryRunOpt = False) -> None:
    """Remove the entry TERM from FILE, with the comment lines directly above it.

    Those are the comment lines between the entry and the nearest blank line, non-comment line
    or section header above it; a section header (a comment line starting `# ---`) always
    stays, and so does every comment below the entry (it belongs to what follows). Everything
    else in FILE stays byte for byte."""
    from checker.glossary.operations import remove_entry

    _emit_result(remove_entry(str(file), term, dry_run=dry_run), dry_run)


@app.command()
@reports_errors
def validate(
    files: Annotated[list[Path], typer.Argument(help="Glossary files, checked each and against each other.", show_default=False)],
) -> None:
    """Check FILES: every rule of the format, then conflicts between entries and files.

    Problems go to stdout as `file:line: message`; exit 1 when there is any, 0 when clean,
    2 when a file cannot be read at all."""
    from checker.glossary.operations import validate_files

    result = validate_files([str(f) for f in files])
    for p in result.problems:
        typer.echo(str(p))
    n = len(files)
    if result.problems:
        typer.echo(f"{plural(len(result.problems), 'problem')} in {plural(n, 'file')}", err=True)
        raise typer.Exit(1)
    typer.echo(f"OK: {plural(n, 'file')}, {plural(result.terms, 'term')}")


@app.command("import")
@reports_errors
def import_(
    src: Annotated[Path, typer.Argument(help="A .tbx, .csv or .tsv file.", show_default=False)],
    to: Annotated[Path, typer.Option("--to", help="The glossary YAML to add the entries to (created if missing).", show_default=False)],
    on_conflict: Annotated[OnConflict, typer.Option("--on-conflict", help="An imported entry matching an existing one (same id, or a shared source form): error (refuse the import), skip (keep the existing), replace (imported fields win), merge (union of lists, existing first; existing note and id kept).")] = OnConflict.error,
    source_language: Annotated[Optional[str], typer.Option("--source-language", help="For TBX: which language is the source; for a new glossary from CSV/TSV: its source language.")] = None,
    target_language: Annotated[Optional[str], typer.Option("--target-language", help="Likewise for the target language.")] = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Import the entries of SRC into the glossary --to (format from SRC's extension).

    A source form or id may appear in one entry of SRC only. The import is refused (exit 2,
    --to untouched) when the result would fail `glossary validate` with a problem --to did
    not already have."""
    from checker.glossary.merge import MergePolicy
    from checker.glossary.operations import apply_import, read_import

    plan = read_import(str(src), str(to), source_language=source_language, target_language=target_language)
    for w in plan.imported.warnings:
        typer.echo(f"warning: {w}", err=True)
    result, s = apply_import(plan, str(to), MergePolicy(on_conflict.value), dry_run=dry_run)
    _emit_result(result, dry_run)
    typer.echo(f"{src}: {s.added} added, {s.unchanged} unchanged, {s.skipped} skipped, {s.replaced} replaced, "
               f"{s.merged} merged" + (" (dry run)" if dry_run else ""), err=True)


@app.command()
@reports_errors
def export(
    file: FileArg,
    format: Annotated[Optional[ExportFormat], typer.Option("--format", "-f", help="tbx, csv or tsv (default: from --output's extension).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Write the entries of FILE as TBX-Basic, CSV or TSV.

    CSV/TSV cells that a spreadsheet would run as a formula (starting with =, +, -, @, a tab
    or a carriage return) are written with a ' in front, as is a cell starting with ' and
    then one of those or another '; `glossary import` removes that one ', so the round trip
    is exact."""
    from checker.glossary.operations import export_text
    from checker.glossary.fileio import atomic_write

    refuse_overwrite(output, [file])
    text = export_text(str(file), format.value if format else None, str(output) if output else None)
    if output is None:
        sys.stdout.write(text)
    else:
        atomic_write(str(output), text.encode("utf-8"))


@app.command()
@reports_errors
def suggest(
    paths: Annotated[list[Path], typer.Argument(help="SOURCE TARGET [SOURCE TARGET …]: translated documents, in pairs.", show_default=False)],
    to: Annotated[Optional[Path], typer.Option("--to", help="Append the suggestions (commented out) to this glossary instead of printing them.")] = None,
    source_language: Annotated[Optional[str], typer.Option("--source-language", help="Default: the --to glossary's, else detected.")] = None,
    min_count: Annotated[int, typer.Option("--min-count", help="Only names seen at least this often.", min=1)] = 1,
    dry_run: DryRunOpt = False,
) -> None:
    """Mine candidate entries (source names and their renderings) from translated documents.

    Suggestions are YAML entries, commented out, with counts and an example each; names that
    received several renderings come first. Names already in the --to glossary are left out."""
    from checker.glossary.operations import append_suggestions, suggest_for

    found = suggest_for(paths, str(to) if to else None, source_language=source_language, min_count=min_count)
    if to is None:
        sys.stdout.write(found.text)
        return
    if not found.found:
        typer.echo("no new names found", err=True)
        return
    _emit_result(append_suggestions(str(to), found, dry_run=dry_run), dry_run)
    if not dry_run:
        typer.echo(f"{to}: {plural(len(found.found), 'suggestion')} appended (commented out)", err=True)


if __name__ == "__main__":
    app()
