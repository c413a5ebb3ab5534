"""Cofnod: shared vocabulary (records, settings, errors) of the pipeline stages."""

__version__ = "0.1.0"
