"""The read → segment stages: bytes to text, block structure, sentences, language identification.

``reading`` turns a file into a ``SourceText`` (``read_text``), using ``decoding`` (bytes to
text: byte-order marks, UTF-8, legacy code pages) and ``blocks`` (paragraphs, headings, list
items of plain text and Markdown, with offsets into the decoded text); ``segment`` splits
blocks into sentences; ``langid`` tells the language of a document or a sentence.
"""
