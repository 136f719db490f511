#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh Debian machine, then runs the whole suite:
# type-check, lint, unit and integration tests on SQLite and (when reachable) PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund

export DTMA_TEST_PG_URL="${DTMA_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
npm run typecheck
npm run lint
npm test
