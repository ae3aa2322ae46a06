#!/usr/bin/env bash
# Creates a DEVELOPMENT code-signing key: a PKCS#12 keystore holding an RSA-3072 key and a
# self-signed certificate with KeyUsage digitalSignature (critical) and ExtendedKeyUsage codeSigning.
#
# Usage: signing/make-dev-key.sh [--keep-existing] [OUT_DIR]
#   OUT_DIR  where to write (default: signing/dev-signing, which git ignores); created with mode 0700
#   --keep-existing  if OUT_DIR already holds a key, keep it and exit 0 (the build uses this);
#                    without it an existing key is never overwritten and the script fails.
#
# Writes (never commit any of these; production keys live in an HSM, see signing/README.md):
#   OUT_DIR/dev-codesign.p12   PKCS#12 keystore, alias "dev-codesign"   (0600)
#   OUT_DIR/dev-codesign.pass  generated keystore password, one line      (0600)
#   OUT_DIR/signer.cer         the certificate, DER, for pre-trusting     (0644)
# Environment: DEV_SIGNER_DNAME overrides the subject, DEV_SIGNER_DAYS the validity (default 730).
set -euo pipefail

keep_existing=false
if [[ "${1:-}" == "--keep-existing" ]]; then
    keep_existing=true
    shift
fi
if [[ $# -gt 1 || "${1:-}" == -* ]]; then
    echo "usage: $0 [--keep-existing] [OUT_DIR]" >&2
    exit 64
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out_dir="${1:-$here/dev-signing}"
alias_name="dev-codesign"
keystore="$out_dir/$alias_name.p12"
pass_file="$out_dir/$alias_name.pass"
cert_file="$out_dir/signer.cer"
dname="${DEV_SIGNER_DNAME:-CN=Smartcard Self-Renewal DEVELOPMENT code signing, OU=Development only - not for production, O=Self-Renewal Development}"
days="${DEV_SIGNER_DAYS:-730}"

if [[ -e "$keystore" ]]; then
    if $keep_existing && [[ -s "$pass_file" && -s "$cert_file" ]]; then
        echo "make-dev-key: keeping existing development key $keystore"
        exit 0
    fi
    echo "make-dev-key: $keystore already exists; refusing to overwrite it (delete the directory first)" >&2
    exit 1
fi

umask 077
mkdir -p "$out_dir"
chmod 700 "$out_dir"

# 32 random bytes, base64 without padding or '/' '+' so it is safe in any config file.
password="$(head -c 32 /dev/urandom | base64 | tr -d '=+/\n')"
printf '%s\n' "$password" > "$pass_file"
chmod 600 "$pass_file"

# -storepass:file keeps the password off the command line (ps, shell history).
keytool -genkeypair -noprompt \
    -storetype PKCS12 -keystore "$keystore" -storepass:file "$pass_file" \
    -alias "$alias_name" -keyalg RSA -keysize 3072 -sigalg SHA256withRSA \
    -dname "$dname" -validity "$days" \
    -ext "KeyUsage:critical=digitalSignature" \
    -ext "ExtendedKeyUsage=codeSigning" >/dev/null
chmod 600 "$keystore"

keytool -exportcert -noprompt -storetype PKCS12 -keystore "$keystore" -storepass:file "$pass_file" \
    -alias "$alias_name" -file "$cert_file" >/dev/null
chmod 644 "$cert_file"

echo "make-dev-key: created $keystore (alias $alias_name), password in $pass_file, certificate $cert_file"
