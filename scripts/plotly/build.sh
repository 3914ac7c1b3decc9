#!/usr/bin/env bash
# Rebuild static/plotly-meedoen.min.js from the versions pinned in package.json / package-lock.json
# (npm registry). The result is committed, so starting the app needs no Node.js.
# Keep plotly.js at the version the plotly Python package ships (the images kaleido makes).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../static"
cd "$here"
npm ci --no-audit --no-fund --ignore-scripts >/dev/null
version="$(node -p "require('plotly.js/package.json').version")"
# The map CSS that registering a map trace pulls in is not needed: no map traces are registered.
npx esbuild entry.js --bundle --minify --format=iife --global-name=Plotly \
    --define:global=window --define:define.amd=false --target=es2016 --loader:.css=empty \
    --legal-comments=eof --banner:js="/*! plotly.js v$version (MIT, Copyright 2012-2026 Plotly, Inc.): scatter, bar, box, sankey, locale nl. Built by scripts/plotly/build.sh */" \
    --outfile="$out/plotly-meedoen.min.js" --log-level=warning
cp node_modules/plotly.js/LICENSE "$out/plotly-meedoen.LICENSE.txt"
ls -l "$out/plotly-meedoen.min.js"
