"""dossier: raw news articles in, a sourced structured picture of events out."""

from __future__ import annotations

__version__ = "0.1.0"

from dossier.core import Dossier  # noqa: E402
from dossier.errors import DossierError  # noqa: E402

__all__ = ["Dossier", "DossierError", "__version__"]
