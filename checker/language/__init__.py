"""What transcheck knows about languages: conventions data, morphology, and the extraction
of numbers, names and quotations that the rules compare.

Nothing here reads a document or knows about alignment: every function takes text and a
language code. Conventions that differ by language live in ``data/`` as files, not in code.
"""
