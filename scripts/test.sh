#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh Debian machine, then runs the whole suite:
# the build, type-check, lint, unit and integration tests on SQLite and PostgreSQL, report rendering through
# LibreOffice, browser tests in Debian's Chromium against the compiled server.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: Chromium for the browser tests, LibreOffice + poppler for the report tests, CJK fonts.
need=()
command -v chromium >/dev/null || need+=(chromium)
# Writer for the reports, Calc for the Excel interchange tests (either may be present without the other).
for pkg in libreoffice-writer libreoffice-calc; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
command -v pdftoppm >/dev/null || need+=(poppler-utils)
/usr/bin/python3 -c 'import uno' 2>/dev/null || need+=(python3-uno) # warm LibreOffice for PDFs (src/reports/libreoffice.ts)
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
# Installed in the background while npm installs, builds, type-checks and lints (minutes on a fresh machine);
# waited for before the first test.
apt_pid=""
apt_log="$(mktemp)"
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages in the background: ${need[*]}"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >"$apt_log" 2>&1 &
    apt_pid=$!
  else
    echo "missing Debian packages (run as root to install): ${need[*]}" >&2
    exit 1
  fi
fi
wait_for_packages() {
  [ -n "$apt_pid" ] || return 0
  if ! wait "$apt_pid"; then
    cat "$apt_log" >&2
    echo "installing the Debian packages failed: ${need[*]}" >&2
    exit 1
  fi
  apt_pid=""
  echo "Debian packages installed: ${need[*]}"
}
trap '[ -n "$apt_pid" ] && kill "$apt_pid" 2>/dev/null; rm -f "$apt_log"' EXIT

# PostgreSQL: the tests run a second pass against it; start the local cluster if it is down.
export DTMA_TEST_PG_URL="${DTMA_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

npm ci --no-audit --no-fund
# The build: server and CLI into dist/ (bin/dtma.js runs it), the web app into web/dist (precompressed).
npm run build
npm run typecheck
npm run lint
wait_for_packages
npm test
# The browser and life-cycle tests drive the compiled `dtma serve` (one process) and the built web app in
# headless Chromium.
npm run e2e
