// The synth bundle: main.ts and everything it imports (cdktf, constructs, the provider classes it
// uses, zod, the guardrails) in one CommonJS file, dist/synth.js, which scripts/run-app.js loads
// through V8's code cache. Two of cdktf's modules are changed in the bundle only, each keeping its
// behaviour at less start-up cost; the synthesized JSON does not change:
// - `lib/private/fs.js` loaded `archiver` (zip files for TerraformAsset archives: ~50 modules with
//   glob and readable-stream) at start-up, though it only zips in a child process that runs this
//   very file as a script. In the bundle that child runs cdktf's own copy of the file, so archiver
//   is not loaded by a synth at all.
// - `captureStackTrace` (the creation stack every token records for its error messages) records
//   the frames as before but turns them into text only when a message reads them: formatting a
//   full stack for each of the thousands of tokens was a tenth of a synth.
'use strict';
const { readFile } = require('node:fs/promises');
const { join } = require('node:path');

const STACK_TRACE_MODULE = /[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/;

/** cdktf's captureStackTrace with the formatting deferred to the first read of the result. */
const LAZY_STACK_TRACE = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.captureStackTrace = function captureStackTrace(below) {
  const holder = {};
  const previousLimit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    Error.captureStackTrace(holder, below || captureStackTrace);
  } finally {
    Error.stackTraceLimit = previousLimit;
  }
  let lines;
  const read = () =>
    (lines ??= holder.stack ? String(holder.stack).split("\\n").slice(1).map((s) => s.replace(/^\\s*at\\s+/, "")) : []);
  return new Proxy([], {
    get: (_target, key) => Reflect.get(read(), key),
    has: (_target, key) => Reflect.has(read(), key),
    ownKeys: () => Reflect.ownKeys(read()),
    getOwnPropertyDescriptor: (_target, key) => Reflect.getOwnPropertyDescriptor(read(), key),
  });
};
`;

const FS_MODULE = /[\\/]cdktf[\\/]lib[\\/]private[\\/]fs\.js$/;

/** Text replacements in cdktf's lib/private/fs.js; each must match exactly once. */
const FS_REPLACEMENTS = [
  // Only runArchive uses it, and runArchive runs only when the file is a process's main module.
  ['const archiver = require("archiver");', 'const archiver = (...args) => require("cdktf/node_modules/archiver")(...args);'],
  // archiveSync runs the file as a script: in the bundle __filename would be dist/synth.js.
  ['`node ${__filename} ${src} ${dest}`', '`node ${require.resolve("cdktf/lib/private/fs.js")} ${src} ${dest}`'],
];

/** Applies {@link FS_REPLACEMENTS}; throws when one does not match exactly once. */
function patchFsModule(text) {
  return FS_REPLACEMENTS.reduce((patched, [from, to]) => {
    if (patched.split(from).length !== 2) throw new Error(`expected exactly one ${from}`);
    return patched.replace(from, () => to);
  }, text);
}

/** Changes the two modules; records which changes were made so the build can check them. */
function startUpPlugin(applied) {
  return {
    name: 'synth-start-up',
    setup(build) {
      build.onLoad({ filter: FS_MODULE }, async (args) => {
        const contents = patchFsModule(await readFile(args.path, 'utf8'));
        applied.add('fs');
        return { contents, loader: 'js' };
      });
      build.onLoad({ filter: STACK_TRACE_MODULE }, () => {
        applied.add('stack-trace');
        return { contents: LAZY_STACK_TRACE, loader: 'js' };
      });
    },
  };
}

/**
 * Writes dist/synth.js. A replacement that no longer matches (cdktf moved a module) fails the
 * build, so an upgrade cannot silently lose the start-up savings or keep a stale copy.
 */
async function bundleSynth(root, outfile) {
  const { build } = require('esbuild');
  const applied = new Set();
  await build({
    absWorkingDir: root,
    entryPoints: ['main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Smaller source to read and hash; names stay, so a stack trace still reads.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: true,
    // Loaded from node_modules when used (see FS_REPLACEMENTS), not bundled.
    external: ['cdktf/node_modules/archiver', 'cdktf/lib/private/fs.js'],
    logLevel: 'warning',
    plugins: [startUpPlugin(applied)],
  });
  const missing = ['fs', 'stack-trace'].filter((r) => !applied.has(r));
  if (missing.length > 0) {
    throw new Error(
      `scripts/synth-bundle.js: the replacement of cdktf's ${missing.join(', ')} matched nothing; update it for this cdktf version`,
    );
  }
}

module.exports = { bundleSynth, patchFsModule, synthBundlePath: (root) => join(root, 'dist', 'synth.js') };
