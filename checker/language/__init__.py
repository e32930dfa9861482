"""What transcheck knows about languages: conventions data, morphology, and the extraction
of numbers, names and quotations that the rules compare.

``number_values`` holds the typed values a number, date or time stands for;
``number_extract`` finds them in text and ``number_compare`` pairs them across languages;
``personal_names`` finds, romanises and pairs names; ``quotations`` finds quotations.

Nothing here reads a document or knows about alignment: every function takes text and a
language code. Conventions that differ by language live in ``data/`` as files, not in code.
"""
