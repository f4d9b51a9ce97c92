#!/usr/bin/env node
// Transpiles the TypeScript sources to dist/ (CommonJS, no type-check: `npm run typecheck` does
// that separately), and bundles the synth entry point into dist/synth.js (synth-bundle.js).
// Skipped when dist/ is newer than every source, so `npm run synth` can run it every time: a no-op
// build costs a few milliseconds, a full one about a second.
'use strict';
const { existsSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { bundleSynth, synthBundlePath } = require('./synth-bundle');

const root = join(__dirname, '..');
const sourceDirs = ['config', 'constructs', 'stacks', 'guardrails', 'scripts'];

function collect(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

const stamp = join(root, 'dist', '.build-stamp');
const synthBundle = synthBundlePath(root);

/**
 * True when dist/ was built from exactly these sources (the stamp lists them: a deleted or added
 * file rebuilds) after the last change to any of them (or to this script).
 */
function upToDate(entryPoints) {
  if (!existsSync(stamp)) return false;
  if (readFileSync(stamp, 'utf8') !== entryPoints.join('\n')) return false;
  const built = statSync(stamp).mtimeMs;
  return [__filename, join(__dirname, 'synth-bundle.js'), ...entryPoints.map((e) => join(root, e))].every(
    (f) => statSync(f).mtimeMs < built,
  );
}

/** Builds dist/ unless it is up to date; resolves when dist/ (and dist/synth.js) can be run. */
async function build({ force = false } = {}) {
  const entryPoints = ['main.ts', ...sourceDirs.flatMap((d) => collect(join(root, d), []))];
  if (!force && upToDate(entryPoints)) return;
  const started = Date.now();
  const { buildSync } = require('esbuild'); // only when building: loading it costs a no-op synth ~10 ms
  // A fresh tree: a module whose source was moved or deleted must not linger and shadow its
  // replacement (dist/config/schema.js would win over dist/config/schema/index.js).
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  buildSync({
    absWorkingDir: root,
    entryPoints,
    outdir: join(root, 'dist'),
    outbase: root,
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  await bundleSynth(root, synthBundle);
  // The stamp carries the build's start time: a source saved during the build triggers the next one.
  writeFileSync(stamp, entryPoints.join('\n'));
  utimesSync(stamp, started / 1000, started / 1000);
}

module.exports = { build, synthBundle };
if (require.main === module) {
  build({ force: process.argv.includes('--force') }).catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
