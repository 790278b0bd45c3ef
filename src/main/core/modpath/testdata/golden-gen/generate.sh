#!/bin/sh
# Regenerates the golden JSON files used by the semver, gover and modpath tests, from the
# golang.org/x/mod and cmd/go/internal/gover sources of the local Go toolchain (no network).
# Usage: sh src/main/core/modpath/testdata/golden-gen/generate.sh   (from the repository root)
set -eu
GO=${GOMODX_GO:-/usr/local/go/bin/go}
GOROOT_SRC=$("$GO" env GOROOT)/src
CORE=$(cd "$(dirname "$0")/../../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/xmod" "$WORK/govercopy" "$WORK/cmd/gen"
cp -r "$GOROOT_SRC/cmd/vendor/golang.org/x/mod/semver" "$GOROOT_SRC/cmd/vendor/golang.org/x/mod/module" \
  "$GOROOT_SRC/cmd/vendor/golang.org/x/mod/internal" "$WORK/xmod/"
printf 'module golang.org/x/mod\n\ngo 1.23\n' > "$WORK/xmod/go.mod"
# cmd/go/internal/gover cannot be imported; copy the pieces the tests need into a package.
cp "$GOROOT_SRC/internal/gover/gover.go" "$WORK/govercopy/igover.go"
echo 'func IsPrerelease(x string) bool { return Parse(x).Kind != "" }' >> "$WORK/govercopy/igover.go"
cp "$GOROOT_SRC/cmd/go/internal/gover/mod.go" "$WORK/govercopy/mod.go"
{ echo 'package gover'; echo 'import "strings"'
  sed -n '/^func FromToolchain/,/^}/p;/^func maybeToolchainVersion/,/^}/p' "$GOROOT_SRC/cmd/go/internal/gover/toolchain.go"; } > "$WORK/govercopy/toolchain.go"
printf 'module gold\n\ngo 1.23\n\nrequire golang.org/x/mod v0.0.0\n\nreplace golang.org/x/mod => ./xmod\n' > "$WORK/go.mod"
cp "$(dirname "$0")/main.go.txt" "$WORK/cmd/gen/main.go"
cd "$WORK"
env GOTOOLCHAIN=local GOFLAGS=-mod=mod GOENV=off GOPROXY=off GOSUMDB=off HOME="$WORK" GOPATH="$WORK/gopath" \
  GOCACHE="$WORK/cache" "$GO" run ./cmd/gen "$CORE"
