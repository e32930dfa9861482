"""Checking a content tree: many pairs at once.

``pairing`` forms the pairs (pattern, manifest, two directories), ``changed`` narrows them
to what git says changed, ``runner`` checks them in a process pool, ``plan`` ties the
configuration to them. Kept free of heavy imports: pool workers import this package first.
"""
