#!/usr/bin/env bash
# Install everything the test suite needs on a fresh machine, then run all tests
# (browser tests included). Used by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium >/dev/null
fi
python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt

# axe-core (the accessibility rule engine the browser tests inject), from the npm registry into
# .cache/node (ignored by git). Version pinned in scripts/axe-core.version.
AXE_VERSION="$(cat scripts/axe-core.version)"
if [ ! -f .cache/node/node_modules/axe-core/axe.min.js ] \
   || ! grep -q "\"version\": \"$AXE_VERSION\"" .cache/node/node_modules/axe-core/package.json; then
  if ! command -v npm >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq npm >/dev/null
  fi
  mkdir -p .cache/node
  npm install --silent --no-audit --no-fund --prefix .cache/node "axe-core@$AXE_VERSION"
fi

export BROWSER_PATH=/usr/bin/chromium
set +e
# Two workers (CI has 2 cores): the browser tests mostly wait on the app server and Chromium. Each worker
# takes whole files (--dist loadfile), so a module's fixtures are built once; its own demo data and server.
.venv/bin/python -m pytest -q -n "${MEEDOEN_TEST_WORKERS:-2}" --dist loadfile "$@"
rc=$?
set -e
# 5 = no tests collected: treat as a failure, a suite that runs nothing proves nothing.
exit $rc
