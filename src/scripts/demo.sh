#!/usr/bin/env bash
# The demo: build, start the server on its embedded defaults, let the RA issue a virtual smartcard whose
# certificates expire in 30 days, renew it with the card holder's client, and show the card before and after.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=src/scripts/prerequisites.sh
. "$repo/src/scripts/prerequisites.sh"
require_packages "${BASE_PACKAGES[@]}"

cd "$repo"
echo "== Building (first run downloads Maven and the dependencies; a few minutes) =="
./mvnw -q -B -DskipTests -pl src/server,src/client,src/webstart -am package

work="$repo/target/demo"
rm -rf "$work"
mkdir -p "$work/cards"
export SOFTHSM2_CONF="$work/cards/softhsm2.conf"
server_jar="$repo/src/server/target/selfrenewal-server.jar"
client_jar="$repo/src/client/target/selfrenewal-client.jar"
passcode=123456

echo
echo "== The registration authority issues a virtual smartcard expiring in 30 days (demo passcode $passcode) =="
# the server's log lines go to stderr: kept in a file, shown only if issuing fails
echo "$passcode" | java -jar "$server_jar" issue-card --data-dir "$work/server-data" --name "Jane Demo" \
    --expires-in 30d --new-virtual-card DEMO-CARD 2>"$work/issue-card.log" || { cat "$work/issue-card.log" >&2; exit 1; }
echo

echo "== Starting the renewal server (HTTPS with a development certificate from its own CA, embedded H2 database) =="
java -jar "$server_jar" serve --data-dir "$work/server-data" --port 0 > "$work/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
    # the service's public address (what every proof of possession names), from its renewal page line
    url=$(grep -o 'Renewal page: https://[^/]*' "$work/server.log" | awk '{print $3}' || true)
    [ -n "$url" ] && break
    kill -0 $server_pid 2>/dev/null || { cat "$work/server.log"; echo "The server did not start." >&2; exit 1; }
    sleep 0.5
done
[ -n "${url:-}" ] || { echo "The server did not start in time; see $work/server.log" >&2; exit 1; }
echo "Server ready at $url (the renewal page: $url/urswebapp/?operation=selfRenewSmartcard)"
trust=(--trust-anchor "$work/server-data/ca/root-ca.pem")

show_card() {
    java -jar "$client_jar" status --token label=DEMO-CARD
    echo "-- what OpenSC's pkcs11-tool sees on the card:"
    pkcs11-tool --module /usr/lib/softhsm/libsofthsm2.so --token-label DEMO-CARD --login --pin "$passcode" -O 2>/dev/null \
        | grep -E "Object|label:|serial:|Access:" | sed 's/^/   /'
}

echo
echo "== BEFORE: the card =="
show_card

echo
echo "== The card holder renews (the client reads the passcode from standard input) =="
echo "$passcode" | java -jar "$client_jar" renew --token label=DEMO-CARD --server "$url" "${trust[@]}" \
    | tee "$work/renewal.txt"

echo
echo "== AFTER: the card =="
show_card

echo
echo "== openssl checks the new certificates against the CA chain =="
for id in $(pkcs11-tool --module /usr/lib/softhsm/libsofthsm2.so --token-label DEMO-CARD -O --type cert 2>/dev/null \
    | awk '/ID:/ {print $2}'); do
    pkcs11-tool --module /usr/lib/softhsm/libsofthsm2.so --token-label DEMO-CARD --read-object --type cert --id "$id" \
        -o "$work/cert-$id.der" >/dev/null 2>&1
    openssl x509 -inform DER -in "$work/cert-$id.der" -out "$work/cert-$id.pem"
    case "$(openssl x509 -in "$work/cert-$id.pem" -noout -ext keyUsage)" in
        *"Non Repudiation"*) issuing=signing-ca ;;
        *) issuing=authentication-ca ;;
    esac
    echo "   $(openssl x509 -in "$work/cert-$id.pem" -noout -subject -enddate | tr '\n' ' ')"
    echo "   $(openssl verify -CAfile "$work/server-data/ca/root-ca.pem" -untrusted "$work/server-data/ca/$issuing.pem" "$work/cert-$id.pem")"
done

echo
echo "== Renewing again is refused: the new certificates are not due =="
echo "$passcode" | java -jar "$client_jar" renew --token label=DEMO-CARD --server "$url" "${trust[@]}" || true

echo
echo "== Demo result: the renewal's last line =="
tail -n 1 "$work/renewal.txt"
