"""Bilim — a university's academic life run by its own regulations."""

__version__ = "0.1.0"
