"""Glossaries: the file format, term matching, lossless editing, exchange formats, mining.

- ``schema``: Term (its fields declared once), Glossary, loading and validation with file:line;
  ``safeyaml``: the bounded YAML composer every reader goes through
- ``matching``: finding terms in source and target text
- ``document``: a file as a lossless round-trip YAML document, of which only the entries an
  edit touches are loaded (``slices``: where they lie; ``fragment``: ruamel editing of them);
  ``comments``, ``layout`` and ``removal`` keep the file's comments, style and untouched lines
- ``merge``: imported terms into a document; ``crosscheck``: problems between entries and files
- ``transaction``: the lock, the validation and the write around an edit; ``fileio``: bounded
  reads of regular files, replacements that keep owner, group and mode
- ``exchange``: TBX, CSV, TSV; ``suggest``: candidate entries mined from translations
- ``operations``: what each ``transcheck glossary`` command does
"""

from checker.glossary.schema import Glossary, Term, load_glossary, parse_glossary

__all__ = ["Glossary", "Term", "load_glossary", "parse_glossary"]
