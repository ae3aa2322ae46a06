#!/usr/bin/env bash
# The tests: unit, SoftHSM2 card, CA (cross-checked with openssl) and end-to-end renewal tests.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$repo/src/scripts/prerequisites.sh"
require_packages "${BASE_PACKAGES[@]}"
cd "$repo"
./mvnw -B verify
