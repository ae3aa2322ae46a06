#!/usr/bin/env bash
# Signs every *.jar directly in a directory with ONE signer, in place, then verifies them all.
#
# Usage and options: usage() below (sign-jars.sh --help prints them).
#
# Always: -digestalg SHA-256 -sigalg SHA256withRSA. A jar that already carries a signature
# (META-INF/*.SF, *.RSA, *.DSA, *.EC, SIG-*) is refused: strip the old signature first, never sign
# twice (jars signed twice can fail on Java 21 in OpenWebStart, issue #600). No jar is changed
# unless every jar in DIR can be signed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
die() { echo "sign-jars: $*" >&2; exit 1; }
usage() {
    cat >&2 <<'EOF'
Usage:
  signing/sign-jars.sh --pkcs12 KEYSTORE.p12 --alias ALIAS [--storepass-file FILE | --storepass-env VAR]
                       [--tsa URL] [--production] [--export-cert FILE] DIR
  signing/sign-jars.sh --pkcs11 SUNPKCS11.cfg --alias ALIAS [--storepass-env VAR]
                       [--tsa URL] [--production] [--export-cert FILE] DIR

  --pkcs12 FILE       the signer is a PKCS#12 keystore (development key, or a production key file)
  --pkcs11 CONFIG     the signer is on a PKCS#11 token/HSM, reached through SunPKCS11 with this
                      provider configuration file (name = ..., library = ..., slot/slotListIndex = ...)
  --alias ALIAS       the key entry (keytool -list shows the aliases; for PKCS#11 the key's label)
  --storepass-file F  file holding the keystore password / token PIN (first line)
  --storepass-env V   environment variable holding it. Without either, jarsigner asks on the terminal.
                      The password never appears on a command line.
  --tsa URL / -tsa URL  RFC 3161 timestamp authority; required with --production
  --production        production mode: a timestamp is required and a DEVELOPMENT certificate is refused
  --export-cert FILE  also write the signer certificate (DER) to FILE, e.g. DIR/signer.cer
EOF
    exit 64
}

store_kind="" store_arg="" alias_name="" pass_file="" pass_env="" tsa="" production=false export_cert="" dir=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --pkcs12) store_kind=pkcs12; store_arg="${2:?}"; shift 2 ;;
        --pkcs11) store_kind=pkcs11; store_arg="${2:?}"; shift 2 ;;
        --alias) alias_name="${2:?}"; shift 2 ;;
        --storepass-file) pass_file="${2:?}"; shift 2 ;;
        --storepass-env) pass_env="${2:?}"; shift 2 ;;
        --tsa|-tsa) tsa="${2:?}"; shift 2 ;;
        --production) production=true; shift ;;
        --export-cert) export_cert="${2:?}"; shift 2 ;;
        -h|--help) usage ;;
        -*) echo "sign-jars: unknown option $1" >&2; usage ;;
        *) [[ -z "$dir" ]] || usage; dir="$1"; shift ;;
    esac
done
[[ -n "$store_kind" && -n "$alias_name" && -n "$dir" ]] || usage
[[ -z "$pass_file" || -z "$pass_env" ]] || die "give --storepass-file or --storepass-env, not both"
[[ -d "$dir" ]] || die "no such directory: $dir"
[[ -r "$store_arg" ]] || die "cannot read $store_arg"
if $production && [[ -z "$tsa" ]]; then
    die "--production needs --tsa URL: without a timestamp the signature stops being valid when the certificate expires"
fi
if [[ -n "$pass_env" && -z "${!pass_env:-}" ]]; then
    die "environment variable $pass_env is empty"
fi

# Options shared by keytool and jarsigner to open the signer's keystore.
store_opts=()
case "$store_kind" in
    pkcs12) store_opts=(-storetype PKCS12 -keystore "$store_arg") ;;
    pkcs11) store_opts=(-keystore NONE -storetype PKCS11 -providerClass sun.security.pkcs11.SunPKCS11 -providerArg "$store_arg") ;;
esac
if [[ -n "$pass_file" ]]; then
    store_opts+=(-storepass:file "$pass_file")
elif [[ -n "$pass_env" ]]; then
    store_opts+=(-storepass:env "$pass_env")
fi

shopt -s nullglob
jars=("$dir"/*.jar)
[[ ${#jars[@]} -gt 0 ]] || die "no *.jar in $dir"

# 1. Refuse jars that are already signed, before touching anything.
signed=()
for jar in "${jars[@]}"; do
    # (grep without -q reads the whole listing: with pipefail an early exit would hide a match)
    if jar tf "$jar" | grep -E '^META-INF/([^/]+\.(SF|RSA|DSA|EC)|SIG-[^/]*)$' >/dev/null; then
        signed+=("$jar")
    fi
done
if [[ ${#signed[@]} -gt 0 ]]; then
    die "already signed, refusing to sign again (strip META-INF/*.SF *.RSA *.DSA *.EC SIG-* and the per-entry digests first, e.g. rebuild the jar; see OpenWebStart issue #600): ${signed[*]}"
fi

# 2. The signer certificate (also proves the keystore, alias and password before any jar changes).
cert_tmp="$(mktemp)"
trap 'rm -f "$cert_tmp"' EXIT
keytool -exportcert -noprompt "${store_opts[@]}" -alias "$alias_name" -file "$cert_tmp" >/dev/null 2>&1 \
    || die "cannot read certificate of alias '$alias_name' from $store_arg (wrong alias or password?)"
subject="$(keytool -printcert -file "$cert_tmp" | sed -n 's/^Owner: //p' | head -1)"
if $production && grep -qi 'DEVELOPMENT' <<<"$subject"; then
    die "--production refuses the development certificate: $subject"
fi
echo "sign-jars: signer $subject"

# 3. Sign.
sign_opts=(-digestalg SHA-256 -sigalg SHA256withRSA)
[[ -z "$tsa" ]] || sign_opts+=(-tsa "$tsa")
start=$(date +%s%N)
for jar in "${jars[@]}"; do
    out="$(jarsigner "${store_opts[@]}" "${sign_opts[@]}" "$jar" "$alias_name" 2>&1)" \
        || { echo "$out" >&2; die "jarsigner failed on $jar"; }
    echo "sign-jars: signed $jar"
done
echo "sign-jars: ${#jars[@]} jar(s) signed in $(( ($(date +%s%N) - start) / 1000000 )) ms"

if [[ -n "$export_cert" ]]; then
    cp "$cert_tmp" "$export_cert"
    chmod 644 "$export_cert"
    echo "sign-jars: signer certificate written to $export_cert"
fi

# 4. Verify what we just produced, against the certificate we signed with.
"$here/verify-jars.sh" "$dir" "$cert_tmp"
