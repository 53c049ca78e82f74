#!/usr/bin/env bash
# Builds the Debian package of cspreport from a built binary, with dpkg-deb (no network).
#
#   scripts/make-deb.sh BINARY GENERATE_MANUAL OUT_DIR [--check-build]
#
# BINARY is the release binary (`make deb` builds it with the Swift runtime static, so the
# package needs no Swift toolchain); GENERATE_MANUAL is swift-argument-parser's man page
# generator (`swift build --product generate-manual`). The package holds:
#   usr/bin/cspreport                       the program
#   usr/share/cspreport/fonts/              its fonts; the program looks in ../share/cspreport
#                                           beside its own location, so the unpacked tree works
#                                           wherever it is put (Sources/CSPTextShaping/Assets.swift)
#   usr/share/man/man1/cspreport*.1.gz      a page for the program and one per subcommand
#   usr/share/bash-completion, zsh, fish    shell completion, from the program itself
#   usr/share/doc/cspreport/copyright       the fonts' licences
# The maintainer line comes from $DEB_MAINTAINER ("Name <address>"), else a placeholder
# address in the reserved .invalid domain.
# Depends: is worked out by dpkg-shlibdeps from the libraries the binary loads.
#
# --check-build packages a development binary for the test suite: the Swift runtime libraries
# it loads come from the toolchain, not from Debian, so they are left out of Depends: instead
# of stopping the build, and the package is not compressed (faster).
set -euo pipefail

usage() { echo "usage: $0 BINARY GENERATE_MANUAL OUT_DIR [--check-build]" >&2; exit 2; }
[ $# -ge 3 ] || usage
binary=$1 manual_tool=$2 out_dir=$3
check_build=false
[ "${4:-}" = "--check-build" ] && check_build=true
[ -x "$binary" ] || { echo "make-deb: no program at $binary; build it first (make deb does)" >&2; exit 1; }
[ -x "$manual_tool" ] || { echo "make-deb: no man page generator at $manual_tool; run: swift build --product generate-manual" >&2; exit 1; }

here=$(cd "$(dirname "$0")/.." && pwd)
version=$("$binary" --version)
arch=$(dpkg --print-architecture)
# The pages' date is the last commit's, so the same sources give the same package.
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct 2>/dev/null || date +%s)}
day=$(date -u -d "@$epoch" +%Y-%m-%d)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/cspreport_${version}_${arch}
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/cspreport/fonts" "$root/usr/share/man/man1" \
  "$root/usr/share/doc/cspreport" "$root/usr/share/bash-completion/completions" \
  "$root/usr/share/zsh/vendor-completions" "$root/usr/share/fish/vendor_completions.d"

install -m 755 "$binary" "$root/usr/bin/cspreport"
$check_build || strip --strip-unneeded "$root/usr/bin/cspreport"
install -m 644 "$here"/assets/fonts/*.ttf "$root/usr/share/cspreport/fonts/"

"$manual_tool" "$root/usr/bin/cspreport" --multi-page --date "$day" --output-directory "$root/usr/share/man/man1" >/dev/null
# Hidden subcommands (the benchmarks) are for developers: no page for them.
"$root/usr/bin/cspreport" --experimental-dump-help | python3 -c '
import json, sys
for c in json.load(sys.stdin)["command"].get("subcommands", []):
    if not c.get("shouldDisplay", True) or c["commandName"] == "help":
        print(c["commandName"])' | while read -r hidden; do rm -f "$root/usr/share/man/man1/cspreport.$hidden.1"; done
gzip -9n "$root"/usr/share/man/man1/*.1

"$root/usr/bin/cspreport" --generate-completion-script bash > "$root/usr/share/bash-completion/completions/cspreport"
"$root/usr/bin/cspreport" --generate-completion-script zsh > "$root/usr/share/zsh/vendor-completions/_cspreport"
"$root/usr/bin/cspreport" --generate-completion-script fish > "$root/usr/share/fish/vendor_completions.d/cspreport.fish"

# The fonts' licence files are Debian's own copyright files for them; they go in whole beside
# a copyright file that says which applies to which font.
install -m 644 "$here/assets/fonts/LICENSE-Inter.txt" "$here/assets/fonts/LICENSE-DejaVu.txt" "$root/usr/share/doc/cspreport/"
cat > "$root/usr/share/doc/cspreport/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: cspreport

Files: usr/share/cspreport/fonts/Inter-*.ttf
License: OFL-1.1
Comment: Inter, by The Inter Project Authors; the full terms are in LICENSE-Inter.txt.

Files: usr/share/cspreport/fonts/DejaVuSans.ttf
License: Bitstream-Vera
Comment: DejaVu Sans; the full terms are in LICENSE-DejaVu.txt.
EOF
chmod 644 "$root/usr/share/doc/cspreport/copyright"

# dpkg-shlibdeps reads debian/control of a source tree; give it the least it accepts.
mkdir -p "$work/src/debian"
printf 'Source: cspreport\n\nPackage: cspreport\nArchitecture: any\n' > "$work/src/debian/control"
shlib_flags=()
$check_build && shlib_flags+=(--ignore-missing-info)
depends=$(cd "$work/src" && dpkg-shlibdeps "${shlib_flags[@]}" -O "$root/usr/bin/cspreport" 2>"$work/shlibdeps.log" \
  | sed -n 's/^shlibs:Depends=//p') || { cat "$work/shlibdeps.log" >&2; exit 1; }
[ -n "$depends" ] || { echo "make-deb: dpkg-shlibdeps found no dependencies" >&2; cat "$work/shlibdeps.log" >&2; exit 1; }
if ! $check_build && ldd "$root/usr/bin/cspreport" | grep -q 'libswift\|libFoundation\|libdispatch'; then
  echo "make-deb: the program loads the Swift runtime; build it with --static-swift-stdlib (make deb does)" >&2
  exit 1
fi

cat > "$root/DEBIAN/control" <<EOF
Package: cspreport
Version: $version
Architecture: $arch
Maintainer: ${DEB_MAINTAINER:-cspreport developers <cspreport@invalid>}
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Depends: $depends
Section: utils
Priority: optional
Description: Problem-Solving Group quarterly report for a Community Safety Partnership
 cspreport reads a quarter's records (CSV files and a short YAML file) for the
 Operation Carmel areas, checks them, and writes the quarterly report as an
 accessible A4 PDF in a board and a public edition.
EOF

compress=(-Zxz)
$check_build && compress=(-Znone)
mkdir -p "$out_dir"
deb="$out_dir/cspreport_${version}_${arch}.deb"
SOURCE_DATE_EPOCH=$epoch dpkg-deb --root-owner-group "${compress[@]}" --build "$root" "$deb" >/dev/null
echo "$deb"
