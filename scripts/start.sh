#!/usr/bin/env bash
# Sets up and starts the platform on its embedded default for a DEMONSTRATION: SQLite file ./data/dtma.sqlite
# with demo data (`dtma serve --demo`: documented passwords). Open http://127.0.0.1:${PORT:-3000}.
# Production: run `node bin/dtma.js serve` without --demo and create the administrator with
# `node bin/dtma.js user create-admin --email …` (README, "Deployment").
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
# Demo data: `serve --demo` seeds it on an empty database (once), and says so. `dtma serve` without --demo never
# creates demo accounts.
echo "start.sh: demo mode — dtma serve --demo (demo data with the documented password dtma-demo-2025 on an empty" \
  "database; for production start 'node bin/dtma.js serve' without --demo)"
exec node bin/dtma.js serve --demo --port "${PORT:-3000}" --host "${HOST:-127.0.0.1}"
