"""Renderers: each turns a result into a string and does no I/O. The CLI writes it."""
