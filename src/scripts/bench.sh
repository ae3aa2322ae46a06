#!/usr/bin/env bash
# The benchmarks (issue 10), each figure printed next to its target:
# 1. the renewal: wall time of each renewal, split into time in the token and the rest, cold (each in a fresh
#    client JVM) and warm, with a simulated card delay (CARD_DELAY_SECONDS per key, default 2) and the overlap of
#    the service's start with the card's key generation (COLD_RENEWALS, default 3);
# 2. launch to window: IcedTea-Web javaws (not headless, under Xvfb) on the served JNLP to the
#    "Smartcard Service" window, cold (empty cache) and warm (cached jars), and the first-launch download.
# 3. the server (server_bench below): load, CPU per renewal, signing share, overload, start to ready, stop.
# Usage: bench.sh [WARM_UPS] [MEASURED] [COLD_LAUNCHES] [WARM_LAUNCHES]
#        bench.sh server [DATABASES=h2,postgres,h2-tls-in-front] [LEVELS=1,2,4,8] [PER_LEVEL=30]   (the server part)
#        (h2-tls-in-front: plain HTTP on loopback, as behind a trust's TLS-ending proxy; for information)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=src/scripts/prerequisites.sh
. "$repo/src/scripts/prerequisites.sh"
require_packages "${BASE_PACKAGES[@]}" icedtea-netx xvfb xauth x11-utils xdotool imagemagick postgresql
cd "$repo"

# The server under load (issue 10 items 4-5): a load generator process against a real `serve` process over
# HTTPS on loopback, on H2 and on a throwaway PostgreSQL. The card holders' software keys and requests are
# cached in target/bench-cache (made once, about 4 minutes).
# The modules are built clean (not the top level: its target/ keeps the key cache and the bench's output), so no
# file left in target/classes by an earlier build (a removed logback.xml once was) changes what is measured.
server_bench() {
    rm -rf "$repo/target/bench/server"
    mkdir -p "$repo/target/bench/server" "$repo/target/bench-cache"
    java -cp src/e2e/target/selfrenewal-bench.jar org.selfrenewal.e2e.ServerLoadBenchmark \
        src/server/target/selfrenewal-server.jar "$repo/target/bench/server" "$repo/target/bench-cache/load-keys" \
        "${1:-h2,postgres,h2-tls-in-front}" "${2:-1,2,4,8}" "${3:-30}"
}

if [ "${1:-}" = server ]; then
    ./mvnw -q -B -DskipTests -pl 'src/e2e,!.' -am clean package
    shift
    server_bench "$@"
    exit 0
fi

./mvnw -q -B -DskipTests -pl 'src/e2e,!.' -am clean package
work="$repo/target/bench"
rm -rf "$work"
mkdir -p "$work/cards" "$work/launch/cards"
# Cold renewals run each in a fresh client JVM; every key generation waits CARD_DELAY_SECONDS more (a real card).
SOFTHSM2_CONF="$work/cards/softhsm2.conf" java -Dselfrenewal.bench.keyGenerationDelaySeconds="${CARD_DELAY_SECONDS:-2}" \
    -jar src/e2e/target/selfrenewal-bench.jar "${1:-2}" "${2:-10}" "$work" "${COLD_RENEWALS:-3}"
echo
# javaws with its real window needs an X display: this one, or a private Xvfb.
display=()
if [ -z "${DISPLAY:-}" ]; then
    display=(xvfb-run -a -s "-screen 0 1920x1200x24 -noreset")
fi
SOFTHSM2_CONF="$work/launch/cards/softhsm2.conf" "${display[@]}" java -cp src/e2e/target/selfrenewal-bench.jar \
    org.selfrenewal.e2e.LaunchBenchmark src/webstart/target/jars "$work/launch" "${3:-3}" "${4:-5}"
echo
server_bench
