# Sourced by CI (.ci/run) and by the demo, test and bench scripts: the ONE list of Debian packages the
# project needs, and require_packages, which installs what is missing (as root, with apt-get) or otherwise
# says exactly what to install. apt-get waits up to 10 minutes for another apt/dpkg run to let go of its lock.
# shellcheck shell=bash

# Java 17 (the JDK, for Maven), SoftHSM2 (the virtual smartcard), OpenSC (pkcs11-tool), openssl, and what
# the Maven wrapper uses to fetch Maven itself. Enough for the demo and the benchmark.
# shellcheck disable=SC2034 # used by the scripts that source this file
BASE_PACKAGES=(openjdk-17-jdk-headless softhsm2 opensc openssl curl unzip)

# What the tests need on top of BASE_PACKAGES:
# - Debian's Chromium and ChromeDriver drive the page tests (no test downloads a browser);
# - the PostgreSQL server binaries let a test start a throwaway cluster;
# - IcedTea-Web's javaws is the real JNLP client;
# - Xvfb (+ xauth for xvfb-run) gives every test JVM an X display for the Swing windows and non-headless
#   javaws; x11-utils (xdpyinfo, xwininfo), xdotool (find windows, focus, keys) and ImageMagick
#   (`import` photographs the X display) drive and record those windows;
# - the software TPM card stack: a virtual card that really locks (swtpm + tpm2-pkcs11 behind tpm2-abrmd on
#   a D-Bus session bus);
# - shellcheck checks every script of the repository.
# shellcheck disable=SC2034 # used by the scripts that source this file
TEST_PACKAGES=(chromium chromium-driver postgresql icedtea-netx
    xvfb xauth x11-utils xdotool imagemagick
    swtpm swtpm-tools libtpm2-pkcs11-1 libtpm2-pkcs11-tools tpm2-tools tpm2-abrmd dbus libtss2-tcti-tabrmd0
    shellcheck)

# Options for every apt-get call: wait for the dpkg lock instead of failing when another install is running.
APT_OPTIONS=(-o DPkg::Lock::Timeout=600)

# apt_install PACKAGE...: apt-get update, then install (as root; non-interactive).
apt_install() {
    DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTIONS[@]}" update -q
    DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTIONS[@]}" install -y -q "$@"
}

# missing_packages PACKAGE...: prints those not installed, one a line.
missing_packages() {
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
    done
}

# require_packages PACKAGE...: nothing when all are installed; as root installs the missing ones;
# otherwise prints the exact apt-get line and exits 1.
require_packages() {
    local missing=()
    mapfile -t missing < <(missing_packages "$@")
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "Installing: ${missing[*]}"
        apt_install "${missing[@]}" >/dev/null
    else
        echo "This needs these Debian packages: ${missing[*]}" >&2
        echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
}

# require_node: the HTML validator comes from npm. The image ships Node.js and npm; Debian's only where
# they are missing.
require_node() {
    command -v npm >/dev/null || require_packages nodejs npm
}
