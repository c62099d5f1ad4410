#!/usr/bin/env bash
# Installs whatever a fresh Debian/Ubuntu machine lacks for building, running and testing Jiuke.
# Idempotent: each step checks first, so `make run` and `make test` stay fast on a prepared machine.
# Usage: scripts/setup.sh [apt] [npm] [wails] [windows]
set -euo pipefail
cd "$(dirname "$0")/.."

WAILS_VERSION=v2.11.0
# poppler-utils: the print tests render posters, cards and tents with pdftoppm and read them with pdftotext.
APT_PACKAGES=(libgtk-3-dev libwebkit2gtk-4.1-dev pkg-config xvfb xauth xdotool imagemagick chromium fonts-noto-cjk python3-openpyxl poppler-utils)
# Cross-building the Windows installer: cgo for SQLite, NSIS, and 7-Zip to look inside the result;
# wine (64-bit only) to install it and run the installed program in make test-windows.
WINDOWS_PACKAGES=(gcc-mingw-w64-x86-64 nsis p7zip-full wine64 wine)

need_sudo() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

setup_apt() { apt_install "${APT_PACKAGES[@]}"; }
setup_windows() { apt_install "${WINDOWS_PACKAGES[@]}"; }

apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> 安装系统依赖: ${missing[*]}"
  need_sudo apt-get update -qq
  need_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup_npm() {
  # Reinstall only when the lock file changed since the last install.
  if [ ! -f frontend/node_modules/.package-lock.json ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
    echo "==> 安装前端依赖 (npm ci)"
    (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

setup_wails() {
  local bin
  bin="$(go env GOPATH)/bin/wails"
  # Compare captured output: with pipefail, `grep -q` closing the pipe early would look like a failure.
  if [ -x "$bin" ] && [[ "$("$bin" version 2>/dev/null)" == *"$WAILS_VERSION"* ]]; then return 0; fi
  echo "==> 安装 Wails CLI $WAILS_VERSION"
  go install "github.com/wailsapp/wails/v2/cmd/wails@$WAILS_VERSION"
}

[ $# -eq 0 ] && set -- apt npm wails
for step in "$@"; do "setup_$step"; done
