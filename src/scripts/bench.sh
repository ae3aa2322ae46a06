#!/usr/bin/env bash
# The renewal benchmark: wall time of each renewal, split into time in the token and everything else.
# Usage: bench.sh [WARM_UPS] [MEASURED]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=src/scripts/prerequisites.sh
. "$repo/src/scripts/prerequisites.sh"
require_packages "${BASE_PACKAGES[@]}"
cd "$repo"
./mvnw -q -B -DskipTests -pl src/e2e -am package
work="$repo/target/bench"
rm -rf "$work"
mkdir -p "$work/cards"
SOFTHSM2_CONF="$work/cards/softhsm2.conf" java -jar src/e2e/target/selfrenewal-bench.jar "${1:-2}" "${2:-10}" "$work"
