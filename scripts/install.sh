#!/usr/bin/env bash
# Set up dossier on a fresh machine: a virtual environment in .venv with everything
# installed. Usage: scripts/install.sh [--dev]   (--dev adds what the tests need)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
extras="ml"
if [ "${1:-}" = "--dev" ]; then
    extras="ml,dev,postgres,ray"
fi
# One install command, so torch stays at the pinned CPU wheel for everything that needs it.
.venv/bin/python -m pip install -q -e ".[${extras}]"
