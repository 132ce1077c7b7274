#!/bin/sh
# Build each candidate bundle as fragkernel bundles its own front end (esbuild, ESM, minified).
set -e
cd "$(dirname "$0")"
[ -d node_modules ] || npm install --no-audit --no-fund
for x in ag glide tab tabfull revo; do
  ./node_modules/.bin/esbuild "src/$x.js" --bundle --minify --format=esm --outdir=dist \
    --define:process.env.NODE_ENV='"production"' --log-level=warning
done
