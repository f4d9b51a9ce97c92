/**
 * `npm run docs`: regenerates the documentation that is derived from code —
 * docs/environment-settings.md, config/environment.schema.json, docs/guardrails.md.
 * `npm run docs -- --check` only compares and exits 1 when a file is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentJsonSchema, renderEnvironmentSettings, renderGuardrailsDoc } from './lib/docs';
import { repoRoot } from './lib/terraform';

/** Every generated file: path relative to the repository, and its content. */
export function generatedDocs(): [string, string][] {
  return [
    ['docs/environment-settings.md', renderEnvironmentSettings()],
    ['config/environment.schema.json', `${JSON.stringify(environmentJsonSchema(), null, 2)}\n`],
    ['docs/guardrails.md', renderGuardrailsDoc()],
  ];
}

function main(): void {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [file, content] of generatedDocs()) {
    const path = join(repoRoot(), file);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === content) continue;
    if (check) stale.push(file);
    else {
      writeFileSync(path, content);
      process.stdout.write(`wrote ${file}\n`);
    }
  }
  if (stale.length > 0) {
    process.stderr.write(`Stale generated docs: ${stale.join(', ')}. Run: npm run docs\n`);
    process.exit(1);
  }
}

if (require.main === module) main();
