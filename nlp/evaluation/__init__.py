"""Scoring against the gold annotations in ``corpora/`` (one module per task)."""
