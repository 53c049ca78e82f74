#!/usr/bin/env bash
# Installs the Debian and PyPI packages cspreport needs, only when something is missing.
# Usage: scripts/setup.sh "apt packages" "pip packages"
# A pip package written NAME:no-deps is installed without its dependencies.
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

# One Python start finds what is missing (`pip show` takes seconds a package).
names=()
for spec in "${pip_packages[@]}"; do names+=("${spec%%:*}"); done
missing_pip=$(python3 - "${names[@]}" <<'PY'
import importlib.metadata, sys
for name in sys.argv[1:]:
    try:
        importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        print(name)
PY
)
for spec in "${pip_packages[@]}"; do
  p=${spec%%:*}
  grep -qx -- "$p" <<< "$missing_pip" || continue
  flags=()
  [ "$spec" = "$p:no-deps" ] && flags=(--no-deps)
  echo "setup: installing $p from PyPI"
  python3 -m pip install -q "${flags[@]}" "$p" || python3 -m pip install -q --break-system-packages "${flags[@]}" "$p"
done
exit 0
