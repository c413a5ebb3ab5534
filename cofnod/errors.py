"""Errors that speak to the user. Converted to messages at the edges (CLI, UI)."""


class CofnodError(Exception):
    """Base class: its message is shown to the user as it is."""


class ConfigError(CofnodError):
    """Bad settings: an unknown key, a wrong type, an unreadable TOML file."""


class IngestError(CofnodError):
    """A file could not be turned into passages; the message names the problem."""


class UnsupportedFile(IngestError):
    """The file type has no parser."""


class IndexError_(CofnodError):
    """The index is missing, locked or inconsistent."""


class LLMError(CofnodError):
    """The language model could not answer: endpoint down, timeout, unknown model, refused key."""


class MissingExtra(CofnodError):
    """An optional dependency is not installed."""

    def __init__(self, package: str, extra: str):
        super().__init__(f"{package} is not installed: pip install 'cofnod[{extra}]'")
