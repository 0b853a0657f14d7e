"""One exception hierarchy. Every message says what happened, where, and what to do.

DossierError
 +-- BadInput          an input file or record cannot be read (one line: where, what)
 +-- StoreError        the database cannot be opened, migrated or written
 +-- MissingExtra      an optional dependency is not installed (names the extra)
 +-- NotFound          an id or name the user asked for does not exist
 +-- UnknownStage      a pipeline stage name that is not registered
"""

from __future__ import annotations


class DossierError(Exception):
    """Base class of every error dossier raises on purpose."""


class BadInput(DossierError):
    def __init__(self, where: str, problem: str):
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}")


class StoreError(DossierError):
    pass


class NotFound(DossierError):
    pass


class UnknownStage(DossierError):
    pass


class MissingExtra(DossierError, ImportError):
    def __init__(self, package: str, extra: str, purpose: str):
        super().__init__(
            f"{purpose} needs the optional package '{package}'. "
            f"Install it with: pip install 'dossier[{extra}]'"
        )


def require(module: str, extra: str, purpose: str):
    """Import an optional dependency or raise MissingExtra naming the extra."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtra(module.split(".")[0], extra, purpose) from exc
