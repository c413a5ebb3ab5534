"""Answering: retrieval, answer composition with citations, the CLI."""
