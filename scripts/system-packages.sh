#!/usr/bin/env bash
# Debian packages the tests need (browser for the web UI tests, a PostgreSQL server for the
# store tests). Installs only what is missing; needs root or sudo. Usage: scripts/system-packages.sh
set -euo pipefail
PACKAGES=(
    postgresql
    chromium
)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    SUDO="sudo"
fi
echo "installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
