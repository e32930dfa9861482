"""Glossaries: the file format, term matching, lossless editing, exchange formats, mining."""

from checker.glossary.schema import Glossary, Term, load_glossary, parse_glossary

__all__ = ["Glossary", "Term", "load_glossary", "parse_glossary"]
