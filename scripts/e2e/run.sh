#!/usr/bin/env bash
# End-to-end tests in a real VS Code: code-server + headless Chromium.
#   scripts/e2e/run.sh [extra mocha args]        (npm run test:e2e)
# Sets up code-server/Chromium if needed (cached, see setup-code-server.sh),
# compiles with tsc -b and runs out/test/e2e/**/*.e2e.js with mocha.
# Screenshots and failure artifacts: test-artifacts/e2e/.
# Env: DOMXML_E2E_CACHE (install cache), DOMXML_E2E_KEEP=1 (keep temp dirs),
#      DOMXML_E2E_HEADED=1 (visible browser, needs a display).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

T0=$(date +%s)
CS_LINE="$(bash scripts/e2e/setup-code-server.sh | tail -n 1)"
export DOMXML_E2E_CODE_SERVER="${DOMXML_E2E_CODE_SERVER:-${CS_LINE#CODE_SERVER=}}"
T1=$(date +%s)

npx tsc -b
T2=$(date +%s)

mkdir -p test-artifacts/e2e
status=0
npx mocha --timeout 180000 --reporter spec 'out/test/e2e/**/*.e2e.js' "$@" || status=$?
T3=$(date +%s)
echo "[e2e] setup $((T1 - T0))s, tsc $((T2 - T1))s, tests $((T3 - T2))s; artifacts in test-artifacts/e2e/" >&2
exit $status
