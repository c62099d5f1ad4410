#!/usr/bin/env bash
# Tests windows-check.sh itself on small installers made here: a real NSIS installer carrying a 64-bit
# GUI jiuke.exe must pass; a zip holding the same jiuke.exe beside a $PLUGINSDIR folder, or an NSIS
# installer whose jiuke.exe lacks the product name, must fail with the check that names the fault.
# Needs Go, makensis and 7z (scripts/setup.sh windows).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# A stand-in jiuke.exe: a pure-Go Windows GUI program, optionally carrying 酒客通 in UTF-16LE as a
# version resource would.
stand_in() { # stand_in OUT.exe WITH_NAME(0|1)
  local src="$WORK/src$2"
  mkdir -p "$src"
  printf 'module standin\ngo 1.22\n' >"$src/go.mod"
  if [ "$2" = 1 ]; then bytes='0x52, 0x91, 0xa2, 0x5b, 0x1a, 0x90'; else bytes='0x41, 0x00'; fi
  printf 'package main\n\nimport "os"\n\nvar name = []byte{%s}\n\nfunc main() { os.Stdout.Write(name) }\n' "$bytes" >"$src/main.go"
  (cd "$src" && GOOS=windows GOARCH=amd64 CGO_ENABLED=0 GOFLAGS= go build -ldflags "-H=windowsgui -s -w" -o "$1" .)
}

nsis_installer() { # nsis_installer OUT.exe EXE
  mkdir -p "$WORK/nsis"
  cp "$2" "$WORK/nsis/jiuke.exe"
  cat >"$WORK/nsis/t.nsi" <<NSI
Unicode true
OutFile "$1"
InstallDir "\$PROGRAMFILES64\\Jiuke"
RequestExecutionLevel user
Section
  SetOutPath "\$INSTDIR"
  File "jiuke.exe"
SectionEnd
NSI
  makensis -V1 "$WORK/nsis/t.nsi" >/dev/null
}

passed=0 failed=0
expect() { # expect NAME WANT(pass|text the failure must contain) INSTALLER
  local out rc=0
  out="$(scripts/windows-check.sh "$3" 2>&1)" || rc=$?
  if { [ "$2" = pass ] && [ $rc -eq 0 ]; } || { [ "$2" != pass ] && [ $rc -ne 0 ] && [[ "$out" == *"$2"* ]]; }; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $1: want $2, got exit $rc: $out"
  fi
}

stand_in "$WORK/named.exe" 1
stand_in "$WORK/plain.exe" 0
nsis_installer "$WORK/good-installer.exe" "$WORK/named.exe"
nsis_installer "$WORK/unnamed-installer.exe" "$WORK/plain.exe"
mkdir -p "$WORK/zip/\$PLUGINSDIR"
cp "$WORK/named.exe" "$WORK/zip/jiuke.exe"
touch "$WORK/zip/\$PLUGINSDIR/modern-header.bmp"
(cd "$WORK/zip" && 7z a -tzip "$WORK/decoy.zip" . >/dev/null)
head -c 4096 /dev/urandom >"$WORK/noise.exe"

expect "NSIS installer with jiuke.exe" pass "$WORK/good-installer.exe"
expect "zip with a \$PLUGINSDIR folder" "不是 NSIS 安装包" "$WORK/decoy.zip"
expect "random bytes" "安装包" "$WORK/noise.exe"
expect "jiuke.exe without the product name" "没有产品名 酒客通" "$WORK/unnamed-installer.exe"
echo "windows-check self-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
