#!/usr/bin/env bash
# The tests: unit, SoftHSM2 card, CA (cross-checked with openssl), page (Chromium) and end-to-end renewal tests.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$repo/src/scripts/prerequisites.sh"
# Debian's Chromium and ChromeDriver drive the page tests (no test downloads a browser); the PostgreSQL
# server binaries let a test start a throwaway cluster; IcedTea-Web's javaws is the real JNLP client.
require_packages "${BASE_PACKAGES[@]}" chromium chromium-driver postgresql icedtea-netx
command -v npm >/dev/null || require_packages nodejs npm
cd "$repo"
# requireTools: a missing browser, validator, card library, javaws or PostgreSQL fails the tests that need it
# instead of skipping them.
./mvnw -B verify -Dlaunch.requireTools=true -Dselfrenewal.requireTools=true
