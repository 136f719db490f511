#!/usr/bin/env bash
# Sets up and starts the platform on its embedded default: SQLite file ./data/dtma.sqlite with demo data.
# Open http://127.0.0.1:${PORT:-3000}. Demo logins are printed by seed-demo (see README).
set -euo pipefail
cd "$(dirname "$0")/.."

# Dependencies: install when missing or when the lockfile changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# The build (`npm run build`): the server and CLI compiled into dist/ (run by bin/dtma.js), the web app into
# web/dist. Each part is rebuilt when missing or older than its sources.
if [ ! -f dist/cli/main.js ] || [ -n "$(find src tsconfig.json tsconfig.build.json package-lock.json -newer dist/cli/main.js -print -quit)" ]; then
  npm run build:server
fi
if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/index.html web/vite.config.ts src package-lock.json -newer web/dist/index.html -print -quit)" ]; then
  npm run web:build
fi

node bin/dtma.js db migrate
# Demo data once: seed-demo refuses to run on a database that already has it.
if [ ! -f data/.demo-seeded ]; then
  node bin/dtma.js seed-demo && touch data/.demo-seeded
fi
exec node bin/dtma.js serve --port "${PORT:-3000}" --host "${HOST:-127.0.0.1}"
