#!/usr/bin/env bash
# End-to-end tests in a real VS Code: code-server 4.99.4 (VS Code 1.99) driven
# in Debian's headless Chromium by playwright-core. `npm run test:e2e`.
#
#   scripts/e2e/run.sh [extra mocha args, e.g. --grep hover]
#
# 1. scripts/e2e/setup-code-server.sh (cached; ~2.5 min the first time)
# 2. npx tsc -b
# 3. mocha on out/test/e2e/**/*.e2e.js, then one plain summary line
#    "e2e: N passed, N failed, N skipped".
# Screenshots and failure artifacts: test-artifacts/e2e/.
#
# Env: DOMXML_E2E_CACHE   install cache (default ~/.cache/domxml-e2e)
#      DOMXML_E2E_VSIX    extension under test (default ./domxml.vsix; its
#                         tests are skipped when it does not exist)
#      DOMXML_E2E_KEEP=1  keep the servers' temporary user-data/extensions dirs
#      DOMXML_E2E_HEADED=1  show the browser (needs a display)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

T0=$(date +%s)
CS_LINE="$(bash scripts/e2e/setup-code-server.sh | tail -n 1)"
export DOMXML_E2E_CODE_SERVER="${DOMXML_E2E_CODE_SERVER:-${CS_LINE#CODE_SERVER=}}"
T1=$(date +%s)

npx tsc -b
T2=$(date +%s)

VSIX="${DOMXML_E2E_VSIX:-$ROOT/domxml.vsix}"
if [ ! -f "$VSIX" ]; then
  echo "[e2e] note: no $VSIX; the extension's own e2e tests are skipped (npm run package builds it)" >&2
elif [ -n "$(find "$ROOT/dist" -name '*.js' -newer "$VSIX" 2>/dev/null | head -n 1)" ]; then
  echo "[e2e] warning: $VSIX is older than dist/: the tests install what was packaged, not the latest build (npm run package)" >&2
fi

# Fresh artifacts for this run (old FAILED-* files would mislead).
rm -rf test-artifacts/e2e
mkdir -p test-artifacts/e2e
LOG="test-artifacts/e2e/mocha-output.txt"
set +e
npx mocha --timeout 180000 --reporter spec 'out/test/e2e/**/*.e2e.js' "$@" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
set -e
T3=$(date +%s)

count() { grep -Eo "^ +[0-9]+ $1" "$LOG" | grep -Eo '[0-9]+' | tail -n 1 || true; }
passed=$(count passing)
failed=$(count failing)
skipped=$(count pending)
echo "[e2e] setup $((T1 - T0))s, tsc $((T2 - T1))s, tests $((T3 - T2))s; artifacts in test-artifacts/e2e/" >&2
echo "e2e: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"
