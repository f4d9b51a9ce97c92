/**
 * Generated documentation cannot go stale: each checked-in file must equal what the code
 * generates now (run `npm run docs` after changing the schema, a rule or a suppression).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedDocs } from '../../../scripts/docs';

const root = join(__dirname, '../../..');

describe('generated documentation', () => {
  test.each(generatedDocs().map(([file, content]) => [file, content]))('%s is up to date (npm run docs)', (file, content) => {
    expect(readFileSync(join(root, file), 'utf8')).toBe(content);
  });

  test('the settings reference documents every top-level field of the schema', () => {
    const doc = generatedDocs().find(([f]) => f === 'docs/environment-settings.md')![1];
    for (const field of [
      'name',
      'account',
      'region',
      'productionLike',
      'state',
      'network',
      'registry',
      'service',
      'loadBalancer',
      'edge',
      'monitoring',
      'dataServices',
    ]) {
      expect(doc).toContain(`\`${field}`);
    }
  });
});
