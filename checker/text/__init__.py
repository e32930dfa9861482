"""The read → segment stages: bytes to text, block structure, sentences, language identification.

``reading`` turns a file into text (encoding detection, Markdown and plain-text blocks,
offsets into the original kept); ``segment`` splits blocks into sentences; ``langid`` tells
the language of a document or a sentence.
"""
