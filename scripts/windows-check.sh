#!/usr/bin/env bash
# Looks inside the Windows installer: it must carry a 64-bit GUI jiuke.exe with our icon and version
# info, speak Simplified Chinese, make Start menu and desktop shortcuts, and leave the archive
# (%APPDATA%\Jiuke) alone on uninstall.
set -euo pipefail
INSTALLER="${1:?usage: windows-check.sh path/to/installer.exe}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
fail() { echo "Windows 安装包检查失败：$*"; exit 1; }

# 7-Zip names the format it recognised: an NSIS installer, not any archive that holds a $PLUGINSDIR folder.
# (Captured first: with pipefail, `grep -q` closing a pipe early would look like 7z failing.)
listing="$(7z l -slt "$INSTALLER" 2>&1)" || fail "无法读取安装包：$(tail -n 3 <<<"$listing")"
grep -qx 'Type = Nsis' <<<"$listing" || fail "不是 NSIS 安装包（7-Zip 识别为 $(sed -n 's/^Type = //p' <<<"$listing" | tr '\n' ' ')）"
7z x -y -o"$WORK" "$INSTALLER" >/dev/null || fail "无法解开安装包"
exe="$(find "$WORK" -iname jiuke.exe | head -1)"
[ -n "$exe" ] || fail "安装包里没有 jiuke.exe"
file "$exe" | grep -q "PE32+ executable (GUI) x86-64" || fail "jiuke.exe 不是 64 位 Windows 图形程序：$(file -b "$exe")"
# Version resources are UTF-16LE: look for 酒客通 in that encoding.
LC_ALL=C grep -qaF "$(printf '酒客通' | iconv -f UTF-8 -t UTF-16LE)" "$exe" || fail "jiuke.exe 的版本信息里没有产品名 酒客通"

nsi=build/windows/installer/project.nsi
grep -q 'MUI_LANGUAGE "SimpChinese"' "$nsi" || fail "安装界面不是简体中文"
grep -q 'CreateShortcut "$SMPROGRAMS' "$nsi" || fail "没有开始菜单快捷方式"
grep -qi 'CreateShortCut "$DESKTOP' "$nsi" || fail "没有桌面快捷方式"
if grep -i 'RMDir' "$nsi" | grep -qi 'Jiuke"'; then fail "卸载程序会删除客户数据目录"; fi
echo "windows installer: 1 passed, 0 failed"
