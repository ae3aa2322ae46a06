# Sourced by the demo, test and bench scripts: makes sure the Debian packages they need are installed.
# As root it installs what is missing with apt-get; otherwise it says exactly what to install.

require_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  else
    echo "This needs these Debian packages: ${missing[*]}" >&2
    echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

# Java 17 (the JDK, for Maven), SoftHSM2 (the virtual smartcard), OpenSC (pkcs11-tool), openssl, and what
# the Maven wrapper uses to fetch Maven itself.
BASE_PACKAGES=(openjdk-17-jdk-headless softhsm2 opensc openssl curl unzip)
