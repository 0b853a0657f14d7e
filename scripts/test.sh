#!/usr/bin/env bash
# Install everything from scratch (system packages included) and run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
bash scripts/install.sh --dev
exec .venv/bin/python -m pytest "$@"
