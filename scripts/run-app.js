#!/usr/bin/env node
// The cdktf app command (cdktf.json "app"): build when sources changed, then run the synth bundle.
//
// The bundle (dist/synth.js, see synth-bundle.js) is one module, so Node resolves and reads one
// file instead of about a thousand. It is compiled with V8's code cache: the first successful run
// after a build writes dist/synth.js.cache (the compiled code of everything the synth ran), and
// later runs load that instead of parsing and compiling 2.6 MB of JavaScript again. V8 checks the cache
// against the source and its own version and flags, and ignores a cache that does not match (the
// next run replaces it), so a stale or foreign cache costs time, never correctness.
'use strict';
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname } = require('node:path');
const { Script } = require('node:vm');
const { build, synthBundle } = require('./build');

/** Loads a CommonJS file through the code cache next to it (`<file>.cache`) and returns its exports. */
function requireWithCodeCache(file) {
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) {
    // At exit the cache holds what the whole run compiled, not only the module's top level; a
    // failed run (a bad environment file) stops early and would leave a cache of half the code.
    process.once('exit', (code) => {
      if (code !== 0) return;
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile); // atomic: another synth may be reading it
      } catch {
        // A read-only checkout: run without a cache.
      }
    });
  }
  const wrapper = script.runInThisContext();
  wrapper.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
  return mod.exports;
}

build().then(
  () => requireWithCodeCache(synthBundle).run(),
  (err) => {
    process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
