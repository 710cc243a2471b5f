#!/bin/sh
# scripts/apt-repo.sh REPO_DIR DEB... : adds Turnero packages to an apt repository the town hall
# serves itself (any static web server, or a folder on a USB stick), and rewrites its indexes:
#
#   REPO_DIR/pool/main/t/turnero/turnero_<version>_<arch>.deb
#   REPO_DIR/dists/stable/main/binary-<arch>/Packages(.gz)   (dpkg-scanpackages)
#   REPO_DIR/dists/stable/Release                            (checksums of the indexes)
#   REPO_DIR/dists/stable/InRelease, Release.gpg             (when TURNERO_APT_KEY names a gpg key)
#
# Kiosks use it with one line (docs/deployment.md):
#   deb [signed-by=/etc/apt/keyrings/turnero.gpg] https://apt.example.es/turnero stable main
# Packages already in the pool are kept (older versions stay installable for a rollback).
# Needs dpkg-dev (dpkg-scanpackages), gzip, and gpg when signing. POSIX sh.
set -eu

SUITE=stable
COMPONENT=main
ARCHES="amd64 arm64"

if [ "$#" -lt 1 ]; then
  echo "usage: scripts/apt-repo.sh REPO_DIR [PACKAGE.deb...]" >&2
  exit 2
fi
repo=$1
shift
pool=pool/$COMPONENT/t/turnero
mkdir -p "$repo/$pool"

for deb in "$@"; do
  package=$(dpkg-deb --field "$deb" Package)
  version=$(dpkg-deb --field "$deb" Version)
  arch=$(dpkg-deb --field "$deb" Architecture)
  if [ "$package" != turnero ]; then
    echo "apt-repo: $deb is not a turnero package ($package)" >&2
    exit 1
  fi
  cp "$deb" "$repo/$pool/turnero_${version}_$arch.deb"
  echo "apt-repo: added turnero $version ($arch)"
done

cd "$repo"
for arch in $ARCHES; do
  index=dists/$SUITE/$COMPONENT/binary-$arch
  mkdir -p "$index"
  # Paths in the index are relative to the repository root, as apt expects.
  dpkg-scanpackages --arch "$arch" --multiversion pool /dev/null 2>/dev/null >"$index/Packages"
  gzip -9nc "$index/Packages" >"$index/Packages.gz"
done

# Release: what the suite holds and the checksums apt verifies the indexes with.
release=dists/$SUITE/Release
checksums() {
  for arch in $ARCHES; do
    for file in Packages Packages.gz; do
      path=$COMPONENT/binary-$arch/$file
      sum=$("$1" "dists/$SUITE/$path" | cut -d ' ' -f 1)
      size=$(wc -c <"dists/$SUITE/$path" | tr -d ' ')
      echo " $sum $size $path"
    done
  done
}
{
  echo "Origin: Turnero"
  echo "Label: Turnero"
  echo "Suite: $SUITE"
  echo "Codename: $SUITE"
  echo "Date: $(LC_ALL=C date -u '+%a, %d %b %Y %H:%M:%S UTC')"
  echo "Architectures: $ARCHES"
  echo "Components: $COMPONENT"
  echo "Description: Turnero kiosk packages"
  echo "MD5Sum:"
  checksums md5sum
  echo "SHA256:"
  checksums sha256sum
} >"$release"

rm -f "dists/$SUITE/InRelease" "dists/$SUITE/Release.gpg"
if [ -n "${TURNERO_APT_KEY:-}" ]; then
  gpg --batch --yes --local-user "$TURNERO_APT_KEY" --clearsign --output "dists/$SUITE/InRelease" "$release"
  gpg --batch --yes --local-user "$TURNERO_APT_KEY" --armor --detach-sign --output "dists/$SUITE/Release.gpg" "$release"
  echo "apt-repo: signed with $TURNERO_APT_KEY"
else
  echo "apt-repo: not signed (set TURNERO_APT_KEY): kiosks would need [trusted=yes], which is for tests only"
fi
echo "apt-repo: $(find pool -name '*.deb' | wc -l | tr -d ' ') package(s) in $repo"
