import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../../guardrails/rules';

/** The text of every guardrail test file. */
function testSources(): string {
  return readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => readFileSync(join(__dirname, f), 'utf8'))
    .join('\n');
}

/** The body of `describe('<id>', ...)` up to the next rule's describe. */
function describeBlock(sources: string, id: string): string {
  const start = sources.indexOf(`describe('${id}',`);
  if (start < 0) return '';
  const next = sources.indexOf("describe('FIN-", start + 1);
  return sources.slice(start, next < 0 ? undefined : next);
}

describe('ALL_RULES', () => {
  test('GIVEN the pack WHEN listing rule IDs THEN they are unique and shaped FIN-<AREA><n>', () => {
    const ids = ALL_RULES.map((r) => r.id);

    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^FIN-[A-Z]+\d+$/);
  });

  test('GIVEN every rule WHEN inspected THEN it has a title, a description, a severity, mirrors and resource types', () => {
    for (const rule of ALL_RULES) {
      expect({ id: rule.id, title: rule.title.length > 0, description: rule.description.length > 0 }).toEqual({
        id: rule.id,
        title: true,
        description: true,
      });
      expect(['high', 'medium', 'low']).toContain(rule.severity);
      expect(rule.mirrors.length).toBeGreaterThan(0);
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
    }
  });

  test.each(ALL_RULES.map((r) => [r.id]))('GIVEN %s WHEN its tests are listed THEN it has a compliant and a non-compliant test', (id) => {
    const block = describeBlock(testSources(), id);

    expect(block).toMatch(/test\(['"]compliant: GIVEN/);
    expect(block).toMatch(/test\(['"]non-compliant: GIVEN/);
  });
});
