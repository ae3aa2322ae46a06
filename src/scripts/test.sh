#!/usr/bin/env bash
# The tests: unit, SoftHSM2 card, CA (cross-checked with openssl), page (Chromium) and end-to-end renewal tests.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$repo/src/scripts/prerequisites.sh"
# Debian's Chromium and ChromeDriver drive the page tests (no test downloads a browser); the PostgreSQL
# server binaries let a test start a throwaway cluster.
require_packages "${BASE_PACKAGES[@]}" chromium chromium-driver postgresql
command -v npm >/dev/null || require_packages nodejs npm
cd "$repo"
# launch.requireTools: a missing browser or validator fails the page tests instead of skipping them.
./mvnw -B verify -Dlaunch.requireTools=true
