# 酒客通 — `make run` opens the app, `make test` runs every test. Both install what is missing first.
SHELL := /bin/bash
GO_TAGS := sqlite_fts5
DESKTOP_TAGS := webkit2_41 $(GO_TAGS)
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
WAILS := $(shell go env GOPATH)/bin/wails
SERVE_BIN := build/bin/jiuke-serve
DESKTOP_BIN := build/bin/jiuke
FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/package-lock.json frontend/vite.config.ts -type f 2>/dev/null)

.PHONY: windows test-windows run test bench setup setup-test frontend serve-bin desktop-bin test-go test-unit test-e2e test-desktop clean

## run: build and open the window (or serve to a browser when there is no display). DEMO=1 for demo data;
## ADDR=127.0.0.1:8500 picks the browser address (default 8421, or the next free port when it is taken).
run: setup
	@$(MAKE) --no-print-directory frontend serve-bin
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(MAKE) --no-print-directory desktop-bin && ./$(DESKTOP_BIN) $(if $(DEMO),--demo,); \
	else \
		./$(SERVE_BIN) serve $(if $(DEMO),--demo,) $(if $(ADDR),--addr $(ADDR),); \
	fi

## test: every test — Go, frontend unit, browser end-to-end, desktop smoke, the Windows installer and program (wine).
test: setup
	@$(MAKE) --no-print-directory frontend serve-bin
	@$(MAKE) --no-print-directory test-go test-unit test-e2e test-desktop test-windows
	@echo "==> 全部测试通过"

setup:
	@scripts/setup.sh apt npm wails

frontend/dist/index.html: $(FRONTEND_SRC)
	@echo "==> 构建前端"
	@cd frontend && npm run build --silent

frontend: frontend/dist/index.html

serve-bin: frontend
	@go build -tags "$(GO_TAGS)" -ldflags "$(LDFLAGS)" -o $(SERVE_BIN) .

# The window build goes through the pinned Wails CLI, as releases do; the frontend is already built.
desktop-bin: frontend
	@$(WAILS) build -s -skipbindings -tags "$(DESKTOP_TAGS)" -ldflags "$(LDFLAGS)" -o jiuke >/dev/null

test-go: frontend
	@echo "==> Go 测试"
	@go vet -tags "$(GO_TAGS)" ./...
	@go test -tags "$(GO_TAGS)" -count=1 -timeout 30m ./...

test-unit:
	@echo "==> 前端单元测试"
	@cd frontend && npm run --silent test:unit

test-e2e: serve-bin
	@echo "==> 浏览器端到端测试"
	@cd frontend && JIUKE_BIN=$(CURDIR)/$(SERVE_BIN) npm run --silent test:e2e

test-desktop: desktop-bin
	@echo "==> 桌面窗口冒烟测试"
	@scripts/desktop-smoke.sh $(DESKTOP_BIN)

## windows: cross-build jiuke.exe and the NSIS installer (build/bin/jiuke-amd64-installer.exe).
windows: setup
	@scripts/setup.sh windows
	@$(MAKE) --no-print-directory frontend
	@echo "==> 构建 Windows 安装包"
	@CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc $(WAILS) build -s -skipbindings -platform windows/amd64 -nsis \
		-tags "$(GO_TAGS)" -ldflags "$(LDFLAGS)" -o jiuke.exe >/dev/null

test-windows: windows
	@echo "==> Windows 安装包检查"
	@scripts/windows-check-test.sh
	@scripts/windows-check.sh build/bin/jiuke-amd64-installer.exe
	@echo "==> Windows 程序测试（wine 中安装并运行 jiuke.exe）"
	@scripts/windows-wine-test.sh build/bin/jiuke-amd64-installer.exe build/bin/jiuke.exe

## bench: search, sales, dashboard, segment counts, imports and `jiuke serve` memory at 1,000,000 customers, each against an in-run floor;
## the window's first paint under Xvfb too when build/bin/jiuke exists (make desktop-bin). BENCH_ARGS="-reuse FILE" re-measures a kept archive.
bench: setup
	@$(MAKE) --no-print-directory serve-bin
	@go run -tags "$(GO_TAGS)" ./backend/bench -bin $(CURDIR)/$(SERVE_BIN) -json $(CURDIR)/build/bench.json \
		$(if $(wildcard $(DESKTOP_BIN)),-desktop $(CURDIR)/$(DESKTOP_BIN),) $(BENCH_ARGS)
	@go run ./backend/bench/readme -json build/bench.json -readme README.md

clean:
	rm -rf build/bin frontend/dist
