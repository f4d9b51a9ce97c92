#!/usr/bin/env node
// Transpiles the TypeScript sources to dist/ (CommonJS, no type-check: `npm run typecheck` does
// that separately). Takes a few tens of milliseconds, so `npm run synth` runs it every time.
'use strict';
const { buildSync } = require('esbuild');
const { readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

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

function build() {
  const entryPoints = ['main.ts', ...sourceDirs.flatMap((d) => collect(join(root, d), []))];
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
}

module.exports = { build };
if (require.main === module) build();
