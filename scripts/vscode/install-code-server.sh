#!/usr/bin/env bash
# Installs what the VS Code integration tests need on a machine that reaches only the npm registry and
# Debian's packages (CI): code-server (VS Code 1.100.3's workbench and Node extension host, from npm),
# Debian's Chromium to load the workbench headlessly, and playwright-core to drive it.
# Idempotent: every step is skipped when its result is already there.
#
# Usage: scripts/vscode/install-code-server.sh [DIR]   (default: .vscode-test/code-server, gitignored)
# The runner (scripts/vscode/run-tests.js) looks for DIR/node_modules/.bin/code-server.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3 # the last line that runs on Node 20; it is VS Code 1.100.3
repo=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$repo/.vscode-test/code-server}
log() { echo "[install-code-server] $*" >&2; }
done_marker=$dir/.installed-$CODE_SERVER_VERSION # written last: a broken install is retried

if [ "${TENET_VSCODE:-}" = desktop ]; then
  log "TENET_VSCODE=desktop: @vscode/test-electron downloads desktop VS Code; nothing to install"
  exit 0
fi

# 1. Debian packages: a C/C++ toolchain, Python and Kerberos headers to compile code-server's native
#    modules; ripgrep (seeded below); Chromium (playwright-core drives it over CDP: no chromium-driver).
if command -v dpkg >/dev/null && command -v apt-get >/dev/null; then
  need=()
  for p in build-essential python3 libkrb5-dev ripgrep chromium; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
  done
  if [ ${#need[@]} -gt 0 ]; then
    sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
    log "apt-get install ${need[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
else
  log "no apt-get: install a C/C++ toolchain, python3, Kerberos headers, ripgrep and Chromium yourself"
fi

# 2. playwright-core (a devDependency: `npm ci` normally brings it; install the locked version if not).
if ! (cd "$repo" && node -e 'require.resolve("playwright-core")' 2>/dev/null); then
  log "installing playwright-core"
  (cd "$repo" && npm install --no-audit --no-fund --no-save "playwright-core@$(node -p 'require("./package.json").devDependencies["playwright-core"]')")
fi

# 3. code-server, in its own folder (its own package.json, so the project's lock file is untouched).
if [ -f "$done_marker" ] && [ -x "$dir/node_modules/.bin/code-server" ]; then
  log "code-server already in $dir"
else
  # node-gyp builds native modules against the local Node headers instead of downloading them.
  export npm_config_nodedir=${npm_config_nodedir:-/usr}
  # @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds the archive in this cache:
  # seed it with Debian's rg (the file name is the one @vscode/ripgrep 1.15.11 looks for).
  cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  archive="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -f "$archive" ]; then
    mkdir -p "$cache"
    tar -czf "$archive" -C "$(dirname "$(command -v rg)")" rg
  fi
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{ "name": "tenet-code-server", "private": true }' > "$dir/package.json"
  log "npm install code-server@$CODE_SERVER_VERSION into $dir (compiles native modules: a minute or two)"
  # code-server's postinstall runs `npm install` in lib/vscode and lib/vscode/extensions, which compile
  # native modules in install scripts. npm >= 11.x skips dependency install scripts unless allowed, and
  # those nested installs have no allowScripts policy of their own: allow them (inherited through the
  # environment) for this one pinned install into an isolated folder. unsafe-perm: root runs scripts too.
  (cd "$dir" && npm_config_yes=true npm_config_unsafe_perm=true npm_config_dangerously_allow_all_scripts=true \
    npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION")
  touch "$done_marker"
fi
log "ready: code-server $(node -p 'require(process.argv[1]).version' "$dir/node_modules/code-server/package.json"), $(chromium --version 2>/dev/null | head -1)"
