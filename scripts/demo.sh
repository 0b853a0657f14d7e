#!/usr/bin/env bash
# Install dossier and run it on the built-in demo corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/dossier --db "${DOSSIER_DB:-demo.db}" demo "$@"
