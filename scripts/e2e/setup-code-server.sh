#!/usr/bin/env bash
# Installs a self-contained, offline-capable code-server (VS Code in the browser)
# plus Debian's Chromium, for the end-to-end tests under test/e2e/.
#
# Idempotent and cached: everything goes to
#   ${DOMXML_E2E_CACHE:-$HOME/.cache/domxml-e2e}
# and a stamp file marks a complete install; when the stamp matches, the
# script only checks the system packages and exits.
#
# Why not a plain `npm install code-server`: its postinstall downloads ripgrep
# (and VS Code's own postinstall fetches more) from GitHub, which is not
# reachable here. So we install with --ignore-scripts and do by hand what the
# postinstall would do: build the native modules against the system Node
# headers and drop Debian's ripgrep in place.
#
# Prints the path of the code-server entry point on its last line
# ("CODE_SERVER=<path>") so callers can pick it up.
set -euo pipefail

CODE_SERVER_VERSION="${DOMXML_E2E_CODE_SERVER_VERSION:-4.99.4}"
CACHE="${DOMXML_E2E_CACHE:-$HOME/.cache/domxml-e2e}"
PREFIX="$CACHE/code-server-$CODE_SERVER_VERSION"
STAMP="$PREFIX/.complete"
# Bump when the recipe below changes, so stale caches are rebuilt.
RECIPE=3
APT_PACKAGES=(libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev pkg-config ripgrep chromium
  fonts-liberation)

T0=$(date +%s)
step_start=$T0
log() { printf '[e2e-setup] %s\n' "$*" >&2; }
step() {
  local now
  now=$(date +%s)
  log "$(printf '%-44s %4ds (total %4ds)' "$1" $((now - step_start)) $((now - T0)))"
  step_start=$now
}

# ---------------------------------------------------------------- apt ------
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists on a fresh machine may be stale (404s on install):
  # refresh them once, then install.
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  step "apt-get install (${#missing[@]} packages)"
fi

CS_ENTRY="$PREFIX/node_modules/code-server/out/node/entry.js"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$CODE_SERVER_VERSION/$RECIPE/$(node -v)" ] && [ -f "$CS_ENTRY" ]; then
  log "code-server $CODE_SERVER_VERSION already set up in $PREFIX"
  echo "CODE_SERVER=$CS_ENTRY"
  exit 0
fi

# ---------------------------------------------------------- node-gyp -------
# npm ships node-gyp; prefer it over `npx node-gyp` (no registry round trip).
NPM_CLI="$(readlink -f "$(command -v npm)")"
NODE_GYP="$(dirname "$(dirname "$NPM_CLI")")/node_modules/node-gyp/bin/node-gyp.js"
if [ ! -f "$NODE_GYP" ]; then
  NODE_GYP="$(npm prefix -g)/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
fi
[ -f "$NODE_GYP" ] || { log "cannot find npm's bundled node-gyp"; exit 1; }
# node-gyp would download Node's headers from nodejs.org (unreachable): point
# it at the headers installed with Node itself (npm's `nodedir` config, or the
# include/node folder beside the node binary).
NODEDIR="$(npm config get nodedir 2>/dev/null || true)"
if [ -z "$NODEDIR" ] || [ "$NODEDIR" = undefined ] || [ "$NODEDIR" = null ]; then
  NODEDIR="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
fi
if [ ! -f "$NODEDIR/include/node/node_api.h" ]; then
  log "no Node headers in $NODEDIR/include/node; node-gyp will try to download them"
  NODEDIR=""
fi
gyp() { node "$NODE_GYP" ${NODEDIR:+--nodedir="$NODEDIR"} "$@"; }
JOBS="$(nproc 2>/dev/null || echo 2)"
export JOBS # node-gyp honours $JOBS for make -j

# ----------------------------------------------------------- install -------
rm -rf "$PREFIX"
mkdir -p "$PREFIX"
cd "$PREFIX"
echo '{"name":"domxml-e2e-code-server","private":true}' >package.json
# Keep npm's download cache inside our cache dir so it survives for reruns
# but never touches the repo.
export npm_config_cache="$CACHE/npm-cache"
NPM_FLAGS=(--ignore-scripts --no-audit --no-fund --loglevel=error)
npm install "${NPM_FLAGS[@]}" "code-server@$CODE_SERVER_VERSION" >/dev/null
step "npm install code-server@$CODE_SERVER_VERSION"

CS="$PREFIX/node_modules/code-server"
VS="$CS/lib/vscode"

LOGS="$CACHE/logs"
mkdir -p "$LOGS"

# Native modules are built against the system Node's headers. Builds run in
# the background, two at a time on two cores (one make job each: these
# modules have few sources, so running modules side by side beats make -j).
MAX_PAR="$JOBS"
pids=()
names=()
# build_bg NAME DIR [node-gyp args...]
build_bg() {
  local name="$1" dir="$2"
  shift 2
  while [ "$(jobs -rp | wc -l)" -ge "$MAX_PAR" ]; do sleep 0.3; done
  (cd "$dir" && JOBS=1 gyp rebuild "$@" >"$LOGS/gyp-$(echo "$name" | tr / _).log" 2>&1) &
  pids+=("$!")
  names+=("$name")
}
wait_builds() {
  local i failed=0
  for i in "${!pids[@]}"; do
    if wait "${pids[$i]}"; then
      log "built ${names[$i]}"
    else
      log "ERROR: native build failed for ${names[$i]}; log:"
      tail -n 30 "$LOGS/gyp-$(echo "${names[$i]}" | tr / _).log" >&2 || true
      failed=1
    fi
  done
  pids=()
  names=()
  return $failed
}

# argon2 (password hashing; loaded at startup even with --auth none), built
# while npm fetches VS Code's dependencies.
build_bg argon2 "$PREFIX/node_modules/argon2" \
  --module_name=argon2 --module_path=lib/binding/napi-v3 --napi_build_version=3

# VS Code's own production dependencies.
(cd "$VS" && npm install "${NPM_FLAGS[@]}" --omit=dev >/dev/null)
step "npm install lib/vscode (prod deps)"

mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VS/node_modules/@vscode/ripgrep/bin/rg"

# Every native module VS Code's server may load. Windows/mac-only modules are
# skipped (they build nothing useful on Linux).
gyp_dirs=()
for f in "$VS"/node_modules/*/binding.gyp "$VS"/node_modules/@*/*/binding.gyp; do
  [ -f "$f" ] || continue
  name="${f#"$VS/node_modules/"}"
  name="${name%/binding.gyp}"
  case "$name" in
  *windows* | *win32* | *macos* | *mac-* | @vscode/deviceid | native-keymap | native-is-elevated) continue ;;
  esac
  gyp_dirs+=("$name")
  build_bg "$name" "$VS/node_modules/$name"
done
wait_builds
mkdir -p "$PREFIX/node_modules/argon2/lib/binding/napi-v3"
cp "$PREFIX/node_modules/argon2/build/Release/argon2.node" "$PREFIX/node_modules/argon2/lib/binding/napi-v3/"
step "node-gyp rebuild (argon2 + ${#gyp_dirs[@]} modules)"

# Each built module must load in this Node.
(cd "$PREFIX" && node -e "require('argon2')")
for name in "${gyp_dirs[@]}"; do
  (cd "$VS" && node -e "require(process.argv[1])" "$name") || { log "ERROR: $name does not load"; exit 1; }
done

ln -sfn node_modules "$VS/node_modules.asar"
mkdir -p "$VS/bin/remote-cli" "$VS/bin/helpers"
if [ -f "$VS/bin/remote-cli/code-linux.sh" ]; then
  ln -sfn code-linux.sh "$VS/bin/remote-cli/code-server"
fi
if [ -f "$VS/bin/helpers/browser-linux.sh" ]; then
  ln -sfn browser-linux.sh "$VS/bin/helpers/browser.sh"
fi

# Built-in extensions' dependencies (json/html/css language servers, git, ...).
(cd "$VS/extensions" && npm install "${NPM_FLAGS[@]}" --omit=dev >/dev/null)
step "npm install lib/vscode/extensions"

# Smoke check: the server must at least print its version.
node "$CS_ENTRY" --version >/dev/null
step "code-server --version"

rm -rf "$CACHE/npm-cache/_cacache/tmp" 2>/dev/null || true
echo "$CODE_SERVER_VERSION/$RECIPE/$(node -v)" >"$STAMP"
log "done in $(($(date +%s) - T0))s; cache: $(du -sh "$CACHE" | cut -f1) in $CACHE"
echo "CODE_SERVER=$CS_ENTRY"
