"""Storing and finding passages: Chroma vectors, BM25 keywords, fusion."""
