#!/usr/bin/env bash
# The tests: unit, SoftHSM2 card, CA (cross-checked with openssl), page (Chromium), Web Start (IcedTea-Web),
# Swing window and end-to-end renewal tests, and shellcheck on every script.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=src/scripts/prerequisites.sh
. "$repo/src/scripts/prerequisites.sh"
require_packages "${BASE_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
require_node
cd "$repo"

echo "== shellcheck =="
shellcheck -x src/scripts/*.sh signing/*.sh .ci/run
echo "shellcheck: every script passes"

# Maven runs under a virtual X server (its own display, whatever DISPLAY says), so every test JVM has
# DISPLAY (and XAUTHORITY): the Swing window tests and the non-headless javaws launches show real windows
# there, and xdotool / ImageMagick drive and photograph them.
# requireTools: a missing browser, validator, card library, javaws or PostgreSQL fails the tests that need it
# instead of skipping them.
xvfb-run -a -s "-screen 0 1920x1200x24 -noreset" \
    ./mvnw -B verify -Dlaunch.requireTools=true -Dselfrenewal.requireTools=true
