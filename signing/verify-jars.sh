#!/usr/bin/env bash
# Verifies every *.jar directly in DIR: each must pass `jarsigner -verify -strict`, have exactly one
# signer, every entry signed, and all jars must share the SAME signer certificate - the one in
# SIGNER_CERT when given (DER or PEM), otherwise the signer of the first jar.
#
# Usage: signing/verify-jars.sh DIR [SIGNER_CERT]
# Exit status: 0 all good; 1 a jar failed (the reason is printed); 64 usage.
# The strict check validates the signer chain against a temporary trust store holding only the
# expected certificate (plus the JDK's cacerts, which jarsigner always consults, e.g. for TSA roots).
set -euo pipefail

die() { echo "verify-jars: $*" >&2; exit 1; }
[[ $# -ge 1 && $# -le 2 && "$1" != -* ]] || { echo "usage: $0 DIR [SIGNER_CERT]" >&2; exit 64; }
dir="$1"
expected="${2:-}"
[[ -d "$dir" ]] || die "no such directory: $dir"

shopt -s nullglob
jars=("$dir"/*.jar)
[[ ${#jars[@]} -gt 0 ]] || die "no *.jar in $dir"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

sha256_of_cert() { keytool -printcert -file "$1" 2>/dev/null | sed -n 's/^[[:space:]]*SHA256: //p' | head -n 1; }

# Splits `keytool -printcert -rfc -jarfile` output (stdin) into one PEM file per signer (the first
# certificate of each signer's chain, not the timestamp authority's) and prints the number of signers.
split_signers() {
    awk -v prefix="$1" '
        /^Signer #[0-9]+:/ { signer++; want = 1; next }
        /^Timestamp:/ { want = 0 }
        /-----BEGIN CERTIFICATE-----/ && want { capture = 1; file = prefix "-" signer ".pem" }
        capture { print > file }
        /-----END CERTIFICATE-----/ && capture { capture = 0; want = 0; close(file) }
        END { print signer + 0 }'
}

if [[ -n "$expected" ]]; then
    [[ -r "$expected" ]] || die "cannot read $expected"
    expected_sha="$(sha256_of_cert "$expected")"
    [[ -n "$expected_sha" ]] || die "not a certificate: $expected"
    cp "$expected" "$work/expected.cer"
fi

failures=0
fail() { echo "verify-jars: FAIL $1: $2" >&2; failures=$((failures + 1)); }

for jar in "${jars[@]}"; do
    rm -f "$work"/signer-*.pem
    # keytool fails on a jar whose signed entries do not match their digests (tampered).
    if ! listing="$(keytool -printcert -rfc -jarfile "$jar" 2>&1)"; then
        fail "$jar" "signature check failed: $(grep -v '^$' <<<"$listing" | head -n 3 | tr '\n' ' ')"; continue
    fi
    count="$(split_signers "$work/signer" <<<"$listing")"
    if [[ "$count" -eq 0 ]]; then
        fail "$jar" "not signed"; continue
    fi
    if [[ "$count" -ne 1 ]]; then
        fail "$jar" "$count signers, exactly one is allowed (strip old signatures; OpenWebStart issue #600)"; continue
    fi
    sha="$(sha256_of_cert "$work/signer-1.pem")"
    if [[ -z "${expected_sha:-}" ]]; then
        expected_sha="$sha"
        cp "$work/signer-1.pem" "$work/expected.cer"
        echo "verify-jars: reference signer (from $jar): $(keytool -printcert -file "$work/expected.cer" | sed -n 's/^Owner: //p' | head -n 1)"
    fi
    if [[ "$sha" != "$expected_sha" ]]; then
        fail "$jar" "signed by another certificate (SHA-256 $sha, expected $expected_sha)"; continue
    fi
    if [[ ! -f "$work/trust.p12" ]]; then
        keytool -importcert -noprompt -storetype PKCS12 -keystore "$work/trust.p12" -storepass changeit \
            -alias expected-signer -file "$work/expected.cer" >/dev/null 2>&1 || die "cannot build trust store"
    fi
    # -strict turns warnings that matter (unsigned entries, invalid chain, bad key usage) into errors.
    if ! out="$(jarsigner -verify -strict -keystore "$work/trust.p12" -storetype PKCS12 -storepass changeit "$jar" 2>&1)"; then
        fail "$jar" "jarsigner -verify -strict failed: $(grep -v '^$' <<<"$out" | tr '\n' ' ')"; continue
    fi
    if ! grep -q '^jar verified\.$' <<<"$out"; then
        fail "$jar" "jarsigner did not report 'jar verified.': $(tr '\n' ' ' <<<"$out")"; continue
    fi
    if grep -q 'unsigned entries' <<<"$out"; then
        fail "$jar" "contains unsigned entries"; continue
    fi
    echo "verify-jars: OK $jar"
done

if [[ $failures -gt 0 ]]; then
    die "$failures of ${#jars[@]} jar(s) failed"
fi
echo "verify-jars: all ${#jars[@]} jar(s) verified, one signer: SHA-256 $expected_sha"
