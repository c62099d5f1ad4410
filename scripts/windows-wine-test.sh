#!/usr/bin/env bash
# Runs the Windows program where we can: installs Jiuke from its real installer into a fresh wine
# prefix, checks the installed jiuke.exe is the one built, then runs it: a shop's day through the
# browser (frontend/e2e/windows.test.ts), a clean quit on what Windows sends a GUI program
# (taskkill's WM_CLOSE, the end-session messages of a logoff), a second copy refused, bad database
# paths refused in Chinese with nothing lost, and an uninstall that keeps %APPDATA%\Jiuke for the
# reinstall. The WebView2 window itself cannot run under wine; everything headless does.
# Usage: scripts/windows-wine-test.sh [installer.exe] [built jiuke.exe]   (needs scripts/setup.sh windows)
set -euo pipefail
cd "$(dirname "$0")/.."
INSTALLER="$(realpath "${1:-build/bin/jiuke-amd64-installer.exe}")"
BUILT_EXE="$(realpath "${2:-build/bin/jiuke.exe}")"
WORK="$(mktemp -d)"
# LANG: wine passes command-line arguments through the locale; under C a Chinese path arrives mangled.
export WINEPREFIX="$WORK/prefix" WINEDEBUG=-all LANG=C.UTF-8 LC_ALL=C.UTF-8 WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() {
  wineserver -k 2>/dev/null || true
  chattr -R -i "$WORK" 2>/dev/null || true
  chmod -R u+w "$WORK" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "Windows 程序测试失败：$*"; exit 1; }
step() { echo "  · $*"; }
passed=0
ok() { passed=$((passed + 1)); }

step "准备 wine 环境（全新的临时前缀）"
wineboot -i >/dev/null 2>&1 || fail "wineboot 无法初始化前缀"
wine winecfg /v win10 >/dev/null 2>&1         # Debian's wine 8 starts as Windows 7; Go and the installer need 10
# The null graphics driver: windows exist (taskkill and the end-session messages reach them), nothing is drawn.
wine reg add 'HKCU\Software\Wine\Drivers' /v Graphics /d null /f >/dev/null 2>&1
SYS32="$WINEPREFIX/drive_c/windows/system32"
# Go's runtime needs ProcessPrng, which wine 8 lacks: the test-only shim (never shipped), see its source.
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$SYS32/bcryptprimitives.dll" scripts/windows-prng-shim.c -ladvapi32
x86_64-w64-mingw32-gcc -municode -O2 -s -o "$WORK/holdfile.exe" scripts/windows-holdfile.c

install() {
  # JIUKE_TEST_SKIP_WEBVIEW2: the WebView2 bootstrapper needs the internet and Edge; see project.nsi.
  JIUKE_TEST_SKIP_WEBVIEW2=1 wine "$INSTALLER" /S >/dev/null 2>&1 || fail "静默安装失败（退出码 $?）"
}
PROGDIR="$WINEPREFIX/drive_c/Program Files/酒客通"
EXE="$PROGDIR/jiuke.exe"
APPDATA="$WINEPREFIX/drive_c/users/$(id -un)/AppData/Roaming/Jiuke"
step "静默安装（/S）"
install
[ -f "$EXE" ] || fail "安装后没有 $EXE"
cmp -s "$EXE" "$BUILT_EXE" || fail "安装的 jiuke.exe 与构建出的不同"
[ -f "$PROGDIR/uninstall.exe" ] || fail "没有卸载程序"
[ -f "$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/酒客通.lnk" ] || fail "没有开始菜单快捷方式"
[ -f "$WINEPREFIX/drive_c/users/Public/Desktop/酒客通.lnk" ] || fail "没有桌面快捷方式"
ok

# jk ARGS…: runs the installed program (never for long: a server that should have been refused would hang).
jk() { timeout 60 wine "$EXE" "$@"; }
unix() { winepath -u "$1" 2>/dev/null; }
# serve_bg DB LOG: starts jiuke.exe serve on a free port and waits for its address; sets SERVE_PID, SERVE_URL.
serve_bg() {
  wine "$EXE" serve --addr 127.0.0.1:0 ${1:+--db "$1"} >"$2" 2>&1 &
  SERVE_PID=$!
  for _ in $(seq 1 120); do
    SERVE_URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$2" | head -1 || true)"
    [ -n "$SERVE_URL" ] && return 0
    kill -0 "$SERVE_PID" 2>/dev/null || fail "jiuke.exe serve 未能启动：$(cat "$2")"
    sleep 0.25
  done
  fail "jiuke.exe serve 30 秒内没有启动：$(cat "$2")"
}
# wait_exit: the server must end by itself (a clean quit), exit code 0.
wait_exit() {
  local rc=0
  for _ in $(seq 1 80); do kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$SERVE_PID" 2>/dev/null && fail "$1 后 jiuke.exe 20 秒内没有退出"
  wait "$SERVE_PID" || rc=$?
  [ $rc -eq 0 ] || fail "$1 后 jiuke.exe 退出码 $rc"
}
integrity() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$1"; }
# clean_after DB: a clean quit leaves one self-contained, sound file.
clean_after() {
  local u; u="$(unix "$1")"
  [ ! -e "$u-wal" ] && [ ! -e "$u-shm" ] || fail "$2 后留下了 -wal/-shm：$(ls "$(dirname "$u")")"
  [ "$(integrity "$u")" = ok ] || fail "$2 后数据库未通过 integrity_check"
}

step "浏览器走一遍店里的一天（安装好的 jiuke.exe，Playwright）"
[ -n "${SKIP_E2E:-}" ] || (cd frontend && JIUKE_WINE_EXE="$EXE" JIUKE_WINE_INSTALLER="$INSTALLER" npx vitest run -c vitest.e2e.config.ts e2e/windows.test.ts) ||
  fail "wine 中的浏览器端到端测试未通过"
ok

step "关闭方式：taskkill（WM_CLOSE）与注销（wineboot --end-session）都正常退出"
DB='C:\酒客数据\退出测试.db'
serve_bg "$DB" "$WORK/serve1.log"
[ -e "$(unix "$DB")-wal" ] || fail "运行中应有 -wal（WAL 模式）"
step "第二个副本被拒绝"
out="$(jk serve --addr 127.0.0.1:0 --db "$DB" 2>&1)" && fail "同一数据库的第二个副本启动了"
[[ "$out" == *"已由另一个在浏览器中使用的酒客通（$SERVE_URL）打开"* ]] || fail "第二个副本的提示不对：$out"
ok
wine taskkill /IM jiuke.exe >/dev/null 2>&1
wait_exit "taskkill"
clean_after "$DB" "taskkill"
serve_bg "$DB" "$WORK/serve2.log"
wineboot --end-session >/dev/null 2>&1
wait_exit "wineboot --end-session"
clean_after "$DB" "注销"
ok

step "坏路径：不存在的盘符、只读文件夹、被其他程序占用的文件、超过 260 个字符的路径"
expect_refused() { # expect_refused WANT_TEXT ARGS…: refused, in Chinese, quickly
  local want="$1" out rc=0; shift
  out="$(jk "$@" 2>&1)" || rc=$?
  [ $rc -ne 0 ] && [ $rc -ne 124 ] && [[ "$out" == *"$want"* ]] || fail "jiuke.exe $* 应提示“$want”，实际（退出码 $rc）：$out"
}
expect_refused "路径不存在" serve --addr 127.0.0.1:0 --db 'Q:\酒客\jiuke.db'
[ ! -e "$WINEPREFIX/dosdevices/q:" ] || fail "测试前缀里不该有 Q: 盘"
ok

RO='C:\只读文件夹\店.db'
jk demo --db "$RO" --count 20 >/dev/null 2>&1 || fail "无法生成只读测试用的数据库"
ro_dir="$(dirname "$(unix "$RO")")"
sum="$(md5sum <"$(unix "$RO")")"
chmod a-w "$ro_dir"
[ "$(id -u)" -eq 0 ] && chattr +i "$ro_dir" 2>/dev/null # root writes anywhere: make the folder immutable instead
if touch "$ro_dir/probe" 2>/dev/null; then
  rm -f "$ro_dir/probe"
  echo "    （跳过只读文件夹：此机器上无法让文件夹只读）"
else
  expect_refused "没有写入权限" serve --addr 127.0.0.1:0 --db "$RO"
  [ "$(md5sum <"$(unix "$RO")")" = "$sum" ] || fail "只读文件夹里的数据库被改动了"
  ok
fi
chattr -i "$ro_dir" 2>/dev/null || true
chmod u+w "$ro_dir"

HELD='C:\酒客数据\占用.db'
jk demo --db "$HELD" --count 20 >/dev/null 2>&1 || fail "无法生成占用测试用的数据库"
sum="$(md5sum <"$(unix "$HELD")")"
mkfifo "$WORK/hold"
wine "$WORK/holdfile.exe" "$HELD" <"$WORK/hold" >"$WORK/hold.out" 2>&1 &
exec 7>"$WORK/hold" # the holder keeps the file until this closes
for _ in $(seq 1 80); do grep -q held "$WORK/hold.out" && break; sleep 0.25; done
grep -q held "$WORK/hold.out" || fail "另一个 wine 进程没能占用文件"
expect_refused "文件正被其他程序占用" serve --addr 127.0.0.1:0 --db "$HELD"
exec 7>&-
wait
[ "$(md5sum <"$(unix "$HELD")")" = "$sum" ] || fail "被占用的数据库被改动了"
serve_bg "$HELD" "$WORK/serve3.log" # released: it opens with its data
wine taskkill /IM jiuke.exe >/dev/null 2>&1
wait_exit "taskkill"
ok

seg="$(printf '很长的文件夹名称%.0s' $(seq 1 12))"
LONG="C:\\$seg\\$seg\\$seg\\jiuke.db"
expect_refused "数据库路径太长" serve --addr 127.0.0.1:0 --db "$LONG"
[ ! -e "$WINEPREFIX/drive_c/$seg" ] || fail "路径太长被拒绝时仍建了文件夹"
ok

step "卸载后 %APPDATA%\\Jiuke 里的数据还在，重新安装后找到它"
jk demo --db 'C:\临时\种子.db' --count 30 >/dev/null 2>&1
mkdir -p "$APPDATA"
cp "$WINEPREFIX/drive_c/临时/种子.db" "$APPDATA/jiuke.db"
serve_bg "" "$WORK/serve4.log" # no --db: the user's data folder
grep -q 'AppData\\Roaming\\Jiuke\\jiuke.db' "$WORK/serve4.log" || fail "默认数据库不在 %APPDATA%\\Jiuke：$(cat "$WORK/serve4.log")"
wine taskkill /IM jiuke.exe >/dev/null 2>&1
wait_exit "taskkill"
sum="$(md5sum <"$APPDATA/jiuke.db")"
wine "$PROGDIR/uninstall.exe" /S >/dev/null 2>&1 || fail "静默卸载失败"
for _ in $(seq 1 80); do [ -e "$EXE" ] || break; sleep 0.25; done # the uninstaller runs on from a copy in %TEMP%
# That copy may still be finishing after jiuke.exe is gone; a reinstall started meanwhile failed (exit 1)
# now and then. Wait for every program in the prefix to end first (none else runs at this point).
timeout 60 wineserver -w 2>/dev/null || true
[ ! -e "$EXE" ] || fail "卸载后 jiuke.exe 还在"
[ -f "$APPDATA/jiuke.db" ] && [ "$(md5sum <"$APPDATA/jiuke.db")" = "$sum" ] || fail "卸载改动或删除了 %APPDATA%\\Jiuke\\jiuke.db"
[ -d "$APPDATA/backups" ] || fail "卸载删除了备份文件夹"
install
serve_bg "" "$WORK/serve5.log"
wine taskkill /IM jiuke.exe >/dev/null 2>&1
wait_exit "taskkill"
# The reinstalled program reads the kept archive: its export (default database) lists the 30 customers.
jk export customers --out 'C:\临时\重装后导出.xlsx' >/dev/null 2>&1 || fail "重新安装后无法导出"
rows="$(python3 -c 'import re,sys,zipfile; print(len(re.findall(rb"<row[ >]", zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml"))))' "$WINEPREFIX/drive_c/临时/重装后导出.xlsx")"
[ "$rows" -ge 31 ] || fail "重新安装后导出的客户只有 $((rows - 1)) 位，应为 30"
ok

echo "windows program under wine: $passed passed, 0 failed"
