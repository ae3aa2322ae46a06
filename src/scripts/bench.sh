#!/usr/bin/env bash
# The benchmarks (issue 10), each figure printed next to its target:
# 1. the renewal: wall time of each renewal, split into time in the token and everything else;
# 2. launch to window: IcedTea-Web javaws (not headless, under Xvfb) on the served JNLP to the
#    "Smartcard Service" window, cold (empty cache) and warm (cached jars), and the first-launch download.
# Usage: bench.sh [WARM_UPS] [MEASURED] [COLD_LAUNCHES] [WARM_LAUNCHES]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=src/scripts/prerequisites.sh
. "$repo/src/scripts/prerequisites.sh"
require_packages "${BASE_PACKAGES[@]}" icedtea-netx xvfb xauth x11-utils xdotool imagemagick
cd "$repo"
./mvnw -q -B -DskipTests -pl src/e2e -am package
work="$repo/target/bench"
rm -rf "$work"
mkdir -p "$work/cards" "$work/launch/cards"
SOFTHSM2_CONF="$work/cards/softhsm2.conf" java -jar src/e2e/target/selfrenewal-bench.jar "${1:-2}" "${2:-10}" "$work"
echo
# javaws with its real window needs an X display: this one, or a private Xvfb.
display=()
if [ -z "${DISPLAY:-}" ]; then
    display=(xvfb-run -a -s "-screen 0 1920x1200x24 -noreset")
fi
SOFTHSM2_CONF="$work/launch/cards/softhsm2.conf" "${display[@]}" java -cp src/e2e/target/selfrenewal-bench.jar \
    org.selfrenewal.e2e.LaunchBenchmark src/webstart/target/jars "$work/launch" "${3:-3}" "${4:-5}"
