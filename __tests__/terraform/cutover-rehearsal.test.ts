/**
 * The production cut-over, rehearsed on the emulator (scripts/lib/rehearsal/): the seed's estate is
 * built with the architecture document's own CLI commands in account 296674251987, production.json
 * is mapped to the IDs the emulator assigned, and the operator's commands run as they would on AWS:
 * adopt (with its collision check and preflight), plan (imports, the safety gate), apply, plan
 * again. Then the SDK shows that what existed kept its identity and nothing was duplicated, and the
 * gate refuses a change that would replace the service.
 *
 * The tests in this file run in order and share one emulator.
 */
import { CreateLogGroupCommand, DeleteLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateVpcEndpointCommand } from '@aws-sdk/client-ec2';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportPins } from '../../config/imports';
import { fingerprint, type Fingerprint } from '../../scripts/lib/rehearsal/identity';
import {
  applyPlan,
  planAgain,
  prepareRehearsal,
  runCommand,
  writeRehearsalEnvironment,
  type Rehearsal,
} from '../../scripts/lib/rehearsal/rehearsal';
import { cutoverProblems, keyPolicyFixCommand } from '../../scripts/lib/rehearsal/verify';
import { testRequiring } from '../helpers/terraform';

const it = testRequiring(['terraform', 'moto_server', 'aws']);
const STEP_TIMEOUT = 300_000;
/** A name the stack creates (the WAF log group), taken in the account before adopt runs. */
const TAKEN_NAME = 'aws-waf-logs-fintech-production-edge';

let work: string;
let r: Rehearsal | undefined;
let before: Fingerprint;
let after: Fingerprint;
const timings: Record<string, number> = {};

const importsFile = () => join(r!.configDir, 'production.imports.json');

beforeAll(() => {
  // The operator's commands run from dist/ (built once by __tests__/global-setup.js), as npm run runs them.
  work = mkdtempSync(join(tmpdir(), 'rehearsal-test-'));
});

afterAll(async () => {
  await r?.emulator.stop();
  if (Object.keys(timings).length > 0) {
    console.log(
      `cut-over rehearsal timings: ${Object.entries(timings)
        .map(([k, v]) => `${k}=${v.toFixed(1)}s`)
        .join(' ')}`,
    );
  }
  rmSync(work, { recursive: true, force: true });
});

describe('the production cut-over, rehearsed on the emulator', () => {
  it(
    'GIVEN the seed estate built with the document commands THEN it holds the 58 CloudFront ranges on the ALB group',
    async () => {
      const started = Date.now();
      r = await prepareRehearsal(work);
      writeRehearsalEnvironment(r);
      before = await fingerprint(r.clients, r.estate.vpcId, r.estate.distributionId);
      timings.estate = (Date.now() - started) / 1000;
      expect(before.loadBalancerIngress[r.estate.loadBalancerSecurityGroupId]).toEqual({ cidrs: 58, prefixLists: [] });
      expect(before.serviceArn).toBe(r.estate.serviceArn);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN a name the stack creates is taken and the key policy does not admit CloudWatch Logs THEN adopt exits 1 naming both, and writes nothing',
    async () => {
      await r!.clients.logs.send(new CreateLogGroupCommand({ logGroupName: TAKEN_NAME }));
      const result = await runCommand(r!, 'adopt', ['production']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`conflict: log group ${TAKEN_NAME}: exists, and the stack would create it`));
      expect(result.stdout).toMatch(/failed\s+KMS key policy .* does not admit logs\.us-east-1\.amazonaws\.com/);
      expect(result.stderr).toMatch(/Nothing was written\./);
      expect(existsSync(importsFile())).toBe(false);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN the name is freed and the key policy fixed as adopt says THEN adopt pins every declared resource to its ID and the preflight passes',
    async () => {
      await r!.clients.logs.send(new DeleteLogGroupCommand({ logGroupName: TAKEN_NAME }));
      await keyPolicyFixCommand(r!);
      const result = await runCommand(r!, 'adopt', ['production']);
      timings.adopt = result.seconds;
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      const pins = JSON.parse(readFileSync(importsFile(), 'utf8')) as ImportPins;
      const e = r!.estate;
      expect(pins.resources).toEqual(
        expect.objectContaining({
          ecsCluster: expect.objectContaining({ id: 'fintech-cluster' }),
          ecsService: expect.objectContaining({
            id: 'fintech-cluster/fintech-api-service',
            evidence: expect.objectContaining({ arn: e.serviceArn }),
          }),
          loadBalancer: expect.objectContaining({ id: e.loadBalancerArn }),
          listeners: { '80': expect.objectContaining({ id: e.listenerArn }) },
          targetGroup: expect.objectContaining({ id: e.targetGroupArn }),
          ecrRepository: expect.objectContaining({ id: 'fintech-api' }),
          logGroup: expect.objectContaining({ id: '/ecs/fintech-api' }),
          vpcEndpoints: {
            'ecr.api': expect.objectContaining({ id: e.endpointIds['ecr.api'] }),
            'ecr.dkr': expect.objectContaining({ id: e.endpointIds['ecr.dkr'] }),
          },
          distribution: expect.objectContaining({ id: e.distributionId }),
        }),
      );
      // The decoys of other systems in the account were not picked.
      expect(JSON.stringify(pins)).not.toContain(e.decoys.distributionId);
      expect(JSON.stringify(pins)).not.toContain(e.decoys.loadBalancerArn);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN planned THEN every declared resource is imported, the rest created, nothing destroyed or replaced, and the gate passes',
    async () => {
      const result = await runCommand(r!, 'plan', ['production', '--emulator', '--out', r!.planDir]);
      timings.plan = result.seconds;
      expect(result.code).toBe(0);
      const summary = readFileSync(join(r!.planDir, 'delivery-production.md'), 'utf8');
      expect(summary).toMatch(/\*\*10 to import, \d+ to add, \d+ to change, 0 to replace, 0 to destroy\.\*\*/);
      expect(summary).toMatch(/Passed: nothing protected is destroyed or replaced\./);
      expect(summary).toMatch(/`aws_ecs_service\.[^`]+` ← `fintech-cluster\/fintech-api-service`/);
      expect(summary).toContain(`← \`${r!.estate.distributionId}\``);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN applied THEN the ten resources are imported and nothing is destroyed',
    async () => {
      const applied = await applyPlan(r!);
      timings.apply = applied.durationMs / 1000;
      expect(applied.stdout).toMatch(/Apply complete! Resources: 10 imported, \d+ added, \d+ changed, 0 destroyed\./);
    },
    STEP_TIMEOUT,
  );

  it(
    'THEN a second plan reports no changes (the imports are not repeated)',
    async () => {
      const again = await planAgain(r!);
      timings.planAgain = again.durationMs / 1000;
      expect(again.stdout).toMatch(/No changes\./);
      expect(again.code).toBe(0);
    },
    STEP_TIMEOUT,
  );

  it(
    'THEN everything that existed kept its identity (same ARNs, same service deployments, same domain) and nothing was duplicated',
    async () => {
      after = await fingerprint(r!.clients, r!.estate.vpcId, r!.estate.distributionId);
      expect(cutoverProblems(r!, before, after)).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    'THEN CloudFront reaches the ALB through the origin-facing prefix list instead of the 58 CIDR rules',
    () => {
      expect(after.loadBalancerSecurityGroups).not.toContain(r!.estate.loadBalancerSecurityGroupId);
      const ingress = Object.values(after.loadBalancerIngress);
      expect(ingress.length).toBeGreaterThan(0);
      for (const group of ingress) expect(group).toEqual({ cidrs: 0, prefixLists: [expect.stringMatching(/^pl-/)] });
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN a change would replace the ECS service THEN npm run plan fails, naming it',
    async () => {
      writeRehearsalEnvironment(r!, (file) => (file.service.serviceName = 'fintech-api-service-v2'));
      const result = await runCommand(r!, 'plan', ['production', '--emulator', '--out', join(work, 'refused-plan')]);
      timings.refusedPlan = result.seconds;
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^refused: aws_ecs_service\.[^:]+: the plan would replace the ECS service/m);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN the VPC holds two endpoints for one service THEN adopt calls it ambiguous and writes nothing',
    async () => {
      writeRehearsalEnvironment(r!);
      rmSync(importsFile());
      await r!.clients.ec2.send(
        new CreateVpcEndpointCommand({
          VpcId: r!.estate.vpcId,
          VpcEndpointType: 'Interface',
          ServiceName: 'com.amazonaws.us-east-1.ecr.api',
          SubnetIds: [...r!.estate.taskSubnetIds],
        }),
      );
      const result = await runCommand(r!, 'adopt', ['production']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/ambiguous: VPC endpoint ecr\.api: vpce-\S+, vpce-\S+: two endpoints for one service/);
      expect(existsSync(importsFile())).toBe(false);
    },
    STEP_TIMEOUT,
  );
});
