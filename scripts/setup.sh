#!/usr/bin/env bash
# Installs the Debian and PyPI packages cspreport needs, only when something is missing.
# Usage: scripts/setup.sh "apt packages" "pip packages"
set -euo pipefail
apt_packages=($1)
pip_packages=(${2:-})

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for p in "${pip_packages[@]}"; do
  python3 -m pip show -q "$p" >/dev/null 2>&1 || {
    echo "setup: installing $p from PyPI"
    python3 -m pip install -q "$p" || python3 -m pip install -q --break-system-packages "$p"
  }
done
exit 0
