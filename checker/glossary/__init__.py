"""Glossaries: the file format, term matching, lossless editing, exchange formats, mining.

- ``schema``: Term (its fields declared once), Glossary, loading and validation with file:line
- ``matching``: finding terms in source and target text
- ``document``: a file as a lossless round-trip YAML document; ``comments``, ``layout`` and
  ``removal`` are how its edits keep the file's comments, style and untouched lines
- ``merge``: imported terms into a document; ``crosscheck``: problems between entries and files
- ``transaction``: the lock, the validation and the atomic write around an edit
- ``exchange``: TBX, CSV, TSV; ``suggest``: candidate entries mined from translations
- ``operations``: what each ``transcheck glossary`` command does
"""

from checker.glossary.schema import Glossary, Term, load_glossary, parse_glossary

__all__ = ["Glossary", "Term", "load_glossary", "parse_glossary"]
