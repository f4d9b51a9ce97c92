import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsClients } from '../../../scripts/lib/adopt/aws';
import { describeLock, formatAge, lockHolders, lockKey, ownerStatus, type LockInfo } from '../../../scripts/lib/recover/lock';
import { STRATEGIES } from '../../../scripts/lib/recover/strategies';
import { findUnrecorded, needsAttention, referencedAddresses, resolver } from '../../../scripts/lib/recover/unrecorded';
import { renderRecovery } from '../../../scripts/recover';
import { Testing } from 'cdktf';
import { environmentStacks, type SynthJson } from '../../helpers/synth';

const LOCK: LockInfo = {
  ID: '6c7e1f0e-3b4a-4d1e-9b8a-0f1e2d3c4b5a',
  Operation: 'OperationTypeApply',
  Info: '',
  Who: 'deployer@build-7',
  Version: '1.13.4',
  Created: '2026-12-01T10:00:00.000000000Z',
  Path: 'fintech-terraform-state-123456789012/delivery/dev/terraform.tfstate',
};

describe('the lock an interrupted apply leaves', () => {
  test('GIVEN a state key WHEN its lock file is named THEN it sits beside the state with .tflock', () => {
    expect(lockKey('delivery/dev/terraform.tfstate')).toBe('delivery/dev/terraform.tfstate.tflock');
  });

  test('GIVEN a lock WHEN described THEN it names the location, owner, operation, creation, age, ID and version', () => {
    const text = describeLock(LOCK, 's3://bucket/delivery/dev/terraform.tfstate', new Date('2026-12-01T11:04:30Z'));
    expect(text).toBe(
      's3://bucket/delivery/dev/terraform.tfstate is locked by deployer@build-7 for apply, since 2026-12-01T10:00:00.000000000Z (1 h 4 min old); lock ID 6c7e1f0e-3b4a-4d1e-9b8a-0f1e2d3c4b5a, Terraform 1.13.4',
    );
  });

  test('GIVEN ages in seconds, minutes and hours WHEN formatted THEN each reads in its unit', () => {
    expect([formatAge(12_400), formatAge(3 * 60_000 + 5_000), formatAge(2 * 3_600_000 + 60_000)]).toEqual(['12 s', '3 min', '2 h 1 min']);
  });

  test('GIVEN a lock taken on another machine WHEN its owner is judged THEN it is unknown, never gone', () => {
    const status = ownerStatus(LOCK, [], 'laptop');
    expect(status).toEqual({ state: 'unknown', why: expect.stringMatching(/taken on build-7, not on this machine \(laptop\)/) });
  });

  test('GIVEN a lock taken here and no live terraform on its state WHEN judged THEN the owner is gone', () => {
    expect(ownerStatus(LOCK, [], 'build-7')).toEqual({ state: 'gone' });
  });

  test('GIVEN a live terraform on its state WHEN judged THEN the owner is alive, with its pid', () => {
    const holder = { pid: 4242, cwd: '/w', command: 'terraform apply' };
    expect(ownerStatus(LOCK, [holder], 'build-7')).toEqual({ state: 'alive', holders: [holder] });
  });

  test('GIVEN no process table WHEN judged THEN the owner is unknown', () => {
    expect(ownerStatus(LOCK, undefined, 'build-7').state).toBe('unknown');
  });
});

describe('finding the holder of a lock', () => {
  let proc: string;
  beforeEach(() => (proc = mkdtempSync(join(tmpdir(), 'proc-'))));
  afterEach(() => rmSync(proc, { recursive: true, force: true }));

  /** A process entry: its name, working directory and, there, the backend it was initialised with. */
  function process_(
    pid: number,
    comm: string,
    backend?: { bucket: string; key: string },
    environ = 'AWS_ENDPOINT_URL=http://127.0.0.1:4566',
  ) {
    const dir = join(proc, String(pid));
    const cwd = join(proc, `cwd-${pid}`);
    mkdirSync(join(cwd, '.terraform'), { recursive: true });
    mkdirSync(dir);
    writeFileSync(join(dir, 'comm'), `${comm}\n`);
    writeFileSync(join(dir, 'cmdline'), `${comm}\0apply\0-auto-approve\0`);
    writeFileSync(join(dir, 'environ'), `HOME=/root\0${environ}\0`);
    symlinkSync(cwd, join(dir, 'cwd'));
    if (backend) writeFileSync(join(cwd, '.terraform', 'terraform.tfstate'), JSON.stringify({ backend: { type: 's3', config: backend } }));
  }

  test('GIVEN terraform processes on several states and emulators, and other programs WHEN listed THEN only the one on this state and endpoint holds it', () => {
    mkdirSync(join(proc, 'self'));
    const dev = { bucket: 'b', key: 'delivery/dev/terraform.tfstate' };
    process_(101, 'terraform', dev);
    process_(102, 'terraform', { bucket: 'b', key: 'delivery/production/terraform.tfstate' });
    process_(103, 'bash', dev);
    process_(104, 'terraform');
    process_(105, 'terraform', dev, 'AWS_ENDPOINT_URL_S3=http://127.0.0.1:5000/');

    const holders = lockHolders('b', 'delivery/dev/terraform.tfstate', 'http://127.0.0.1:4566/', proc);

    expect(holders).toEqual([{ pid: 101, cwd: join(proc, 'cwd-101'), command: 'terraform apply -auto-approve' }]);
  });

  test('GIVEN no process file system WHEN listed THEN the answer is unknown (undefined), not "none"', () => {
    expect(lockHolders('b', 'k', '', join(proc, 'missing'))).toBeUndefined();
  });
});

describe('resolving references of unrecorded resources', () => {
  const state = new Map([['aws_vpc.net', { id: 'vpc-1', cidr_block: '10.0.0.0/16' }]]);
  const found = new Map([['aws_security_group.tasks', { id: 'sg-2', attributes: { id: 'sg-2', arn: 'arn:sg-2' } }]]);
  const resolve = resolver(state, found);

  test('GIVEN a literal, a reference to state and one to a found resource WHEN resolved THEN each gives its value', () => {
    expect([resolve('fintech-dev-alb'), resolve('${aws_vpc.net.id}'), resolve('${aws_security_group.tasks.arn}'), resolve(80)]).toEqual([
      'fintech-dev-alb',
      'vpc-1',
      'arn:sg-2',
      '80',
    ]);
  });

  test('GIVEN a reference to an unknown resource or an expression WHEN resolved THEN it is unknown', () => {
    expect([resolve('${aws_lb.alb.arn}'), resolve('service/${aws_ecs_cluster.c.name}/x')]).toEqual([undefined, undefined]);
  });

  test('GIVEN a configuration WHEN its references are listed THEN each address appears once, data sources included', () => {
    const config = { a: '${aws_vpc.net.id}', b: ['${aws_vpc.net.cidr_block}', '${data.aws_ec2_managed_prefix_list.cf.id}'] };
    expect(referencedAddresses(config)).toEqual(['aws_vpc.net', 'data.aws_ec2_managed_prefix_list.cf']);
  });
});

describe('sorting what state lacks', () => {
  const noCalls = {} as AwsClients;

  test('GIVEN unrecorded puts, a Terraform-only record, a manual type and an unknown type WHEN sorted THEN none is looked up and a person is asked for the last two', async () => {
    const stack = {
      resource: {
        aws_cloudwatch_metric_alarm: { cpu: {} },
        terraform_data: { record: {} },
        aws_elasticache_replication_group: { redis: {} },
        aws_made_up_thing: { x: {} },
        aws_iam_role_policy: { recorded: {} },
      },
    };
    const state = [{ address: 'aws_iam_role_policy.recorded', type: 'aws_iam_role_policy', name: 'recorded', values: { id: 'r:p' } }];

    const r = await findUnrecorded(stack, state, noCalls);

    expect(r.recorded).toBe(1);
    expect(r.rewritten.map((w) => w.address)).toEqual(['aws_cloudwatch_metric_alarm.cpu']);
    expect(r.local).toEqual(['terraform_data.record']);
    expect(r.manual.map((m) => m.address)).toEqual(['aws_elasticache_replication_group.redis', 'aws_made_up_thing.x']);
    expect(needsAttention(r)).toBe(true);
  });

  test('GIVEN a VPC without a Name tag WHEN sorted THEN it and what references it need a person (unresolved), not a guess', async () => {
    const stack = {
      resource: {
        aws_vpc_security_group_ingress_rule: { r: { security_group_id: '${aws_security_group.g.id}', ip_protocol: 'tcp' } },
        aws_security_group: { g: { name: 'fintech-dev-tasks', vpc_id: '${aws_vpc.v.id}' } },
        aws_vpc: { v: { tags: {} } },
      },
    };

    const r = await findUnrecorded(stack, [], noCalls);

    expect(r.notCreated).toEqual([]);
    expect(r.unresolved.map((u) => u.address).sort()).toEqual([
      'aws_security_group.g',
      'aws_vpc.v',
      'aws_vpc_security_group_ingress_rule.r',
    ]);
  });

  test('GIVEN a report WHEN rendered THEN each outcome has its heading and count', () => {
    const text = renderRecovery({
      recorded: 3,
      found: [{ address: 'aws_vpc.v', id: 'vpc-1', by: 'the Name tag' }],
      notCreated: ['aws_lb.alb'],
      rewritten: [],
      local: [],
      ambiguous: [],
      manual: [],
      unresolved: [],
    });
    expect(text).toBe(
      [
        '3 resources recorded in state.',
        'In the account but not in state: imported by the next apply (1):',
        '  aws_vpc.v  vpc-1  (by the Name tag)',
        'Not in the account: the next apply creates them (1):',
        '  aws_lb.alb',
        '',
      ].join('\n'),
    );
  });
});

describe('every resource type has a recovery strategy', () => {
  const types = new Set<string>();
  for (const name of ['dev', 'production']) {
    for (const target of ['aws', 'emulator'] as const) {
      const stacks = environmentStacks(name, target);
      for (const stack of [stacks.delivery, stacks.bootstrap]) {
        for (const type of Object.keys((JSON.parse(Testing.synth(stack)) as SynthJson).resource ?? {})) types.add(type);
      }
    }
  }

  test.each([...types].sort())('%s', (type) => {
    expect(STRATEGIES[type]).toBeDefined();
  });
});
