#!/usr/bin/env bash
# Desktop smoke test: start the real window binary under Xvfb on a temp database, wait for a window
# titled 酒客通, and check a screenshot shows the app's first-start setup screen: a rendered page (200
# colours or more; a blank window has a few) with the setup form's wide button in the wine-red accent
# (#8b1a2b, over 8,000 pixels). index.html's start screen alone has 400 colours but only its 40-pixel
# logo in that red, so a window whose script failed does not pass.
set -euo pipefail
BIN="$(realpath "${1:?usage: desktop-smoke.sh path/to/jiuke}")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export BIN WORK
# WebKit's GPU compositing and bubblewrap sandbox are unavailable in a headless root session.
export WEBKIT_DISABLE_COMPOSITING_MODE=1 WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1 LIBGL_ALWAYS_SOFTWARE=1

xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  set -u
  "$BIN" --db "$WORK/smoke.db" >"$WORK/app.log" 2>&1 &
  pid=$!
  ok=1
  for _ in $(seq 1 120); do
    if xdotool search --name "^酒客通$" >/dev/null 2>&1; then ok=0; break; fi
    sleep 0.5
  done
  if [ $ok -ne 0 ]; then echo "没有出现标题为 酒客通 的窗口"; cat "$WORK/app.log"; kill $pid; exit 1; fi
  # Wait until the setup screen has rendered.
  colours=0
  accent=0
  for _ in $(seq 1 60); do
    import -window root "$WORK/shot.png" 2>/dev/null || true
    colours=$(convert "$WORK/shot.png" -format "%k" info: 2>/dev/null || echo 0)
    accent=$(convert "$WORK/shot.png" -fill black +opaque "#8b1a2b" -fill white -opaque "#8b1a2b" -format "%[fx:round(mean*w*h)]" info: 2>/dev/null || echo 0)
    [ "$colours" -ge 200 ] && [ "$accent" -ge 8000 ] && break
    sleep 0.5
  done
  cp "$WORK/shot.png" "${SMOKE_SHOT:-/tmp/jiuke-desktop-smoke.png}" 2>/dev/null || true
  kill $pid; wait $pid 2>/dev/null || true
  if [ "$colours" -lt 200 ]; then echo "窗口截图几乎空白（$colours 种颜色）"; cat "$WORK/app.log"; exit 1; fi
  if [ "$accent" -lt 8000 ]; then echo "窗口没有画出首次设置界面（主色像素 $accent 个，只有启动画面？）"; cat "$WORK/app.log"; exit 1; fi
  echo "窗口已显示首次设置界面，截图 $colours 种颜色"
'
[ -s "$WORK/smoke.db" ] || { echo "桌面程序没有创建数据库"; exit 1; }
echo "desktop smoke: 1 passed, 0 failed"
