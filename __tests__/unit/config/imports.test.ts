import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importsFileOf, loadAllImports, loadImports, readRecovered, type ImportPins } from '../../../config/imports';
import { AggregateConfigError, ConfigError, environmentNames } from '../../../config/load';
import { environment } from '../../helpers/synth';

const production = environment('production');
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'imports-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function pins(overrides: Partial<ImportPins['resources']> = {}, top: Partial<ImportPins> = {}): ImportPins {
  return {
    environment: 'production',
    account: '296674251987',
    region: 'us-east-1',
    adoptedAt: '2026-12-01T00:00:00.000Z',
    resources: { listeners: { '80': { id: 'arn:aws:elasticloadbalancing:listener', evidence: {} } }, vpcEndpoints: {}, ...overrides },
    recovered: {},
    ...top,
  };
}

function write(content: unknown, name = 'production.imports.json'): void {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
}

function problemsOf(fn: () => unknown): { file: string; paths: string[]; messages: string[] } {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError)
      return { file: err.file, paths: err.problems.map((p) => p.path), messages: err.problems.map((p) => p.message) };
    throw err;
  }
  throw new Error('expected the imports file to be rejected');
}

describe('imports files', () => {
  test('GIVEN no imports file THEN there are no pins (synth looks the resources up)', () => {
    expect(loadImports(production, dir)).toBeUndefined();
  });

  test('GIVEN a valid file THEN its pins are returned', () => {
    write(pins({ loadBalancer: { id: 'arn:aws:elasticloadbalancing:lb', evidence: { dnsName: 'x' } } }));
    expect(loadImports(production, dir)?.resources.loadBalancer?.id).toBe('arn:aws:elasticloadbalancing:lb');
  });

  test('GIVEN a file that is not JSON THEN the error names the file', () => {
    write('{ not json');
    const p = problemsOf(() => loadImports(production, dir));
    expect(p.file).toBe(join(dir, 'production.imports.json'));
    expect(p.messages[0]).toMatch(/not valid JSON/);
  });

  test('GIVEN a file written for another account THEN it is refused, naming the field and the expected value', () => {
    write(pins({}, { account: '111111111111' }));
    const p = problemsOf(() => loadImports(production, dir));
    expect(p.paths).toEqual(['account']);
    expect(p.messages[0]).toMatch(/must be "296674251987"/);
  });

  test('GIVEN a pin for a resource the environment does not declare THEN it is refused (a stale file)', () => {
    const dev = environment('dev');
    write(pins({ targetGroup: { id: 'arn:tg', evidence: {} } }, { environment: 'dev', account: dev.account }), 'dev.imports.json');
    const p = problemsOf(() => loadImports(dev, dir));
    expect(p.paths).toEqual(expect.arrayContaining(['resources.targetGroup', 'resources.listeners.80']));
  });

  test('GIVEN an unknown field THEN it is refused with its path', () => {
    write({ ...pins(), resources: { ...pins().resources, natGateway: { id: 'nat-1' } } });
    expect(problemsOf(() => loadImports(production, dir)).paths).toContain('resources.natGateway');
  });

  test('GIVEN two invalid files THEN both are reported together', () => {
    const dev = environment('dev');
    write('[]');
    write('[]', 'dev.imports.json');
    expect(() => loadAllImports([production, dev], dir)).toThrow(AggregateConfigError);
  });

  test('imports files are not environment files', () => {
    write(pins());
    writeFileSync(join(dir, 'production.json'), '{}');
    expect(readdirSync(dir).sort()).toEqual(['production.imports.json', 'production.json']);
    expect(environmentNames(dir)).toEqual(['production']);
  });
});

describe('recovered resources in an imports file', () => {
  const dev = environment('dev');
  const devFile = (recovered: unknown) => ({
    environment: 'dev',
    account: dev.account,
    region: dev.region,
    recoveredAt: '2026-12-01T00:00:00.000Z',
    recovered,
  });

  test('GIVEN only recovered entries (no adoption) WHEN loaded THEN they are returned by address', () => {
    write(devFile({ 'aws_vpc.network_vpc_4E8F0223': { id: 'vpc-1' } }), 'dev.imports.json');
    expect(loadImports(dev, dir)?.recovered).toEqual({ 'aws_vpc.network_vpc_4E8F0223': { id: 'vpc-1', evidence: {} } });
  });

  test('GIVEN a recovered key that is not a resource address WHEN loaded THEN the error says what an address looks like', () => {
    write(devFile({ 'vpc-1': { id: 'vpc-1' } }), 'dev.imports.json');
    const p = problemsOf(() => loadImports(dev, dir));
    expect(p.paths).toEqual(['recovered.vpc-1']);
    expect(p.messages[0]).toMatch(/a resource address of the delivery stack/);
  });

  test('GIVEN a file whose adoption part is stale WHEN its recovered part is read for a rewrite THEN it is kept', () => {
    write({ ...devFile({ 'aws_vpc.v': { id: 'vpc-1' } }), resources: { targetGroup: { id: 'arn:tg' } } }, 'dev.imports.json');
    expect(readRecovered(importsFileOf('dev', dir)).recovered).toEqual({ 'aws_vpc.v': { id: 'vpc-1', evidence: {} } });
  });
});
