/**
 * The guardrail pack on the real stacks: no stack, for AWS or for the emulator, has a blocking
 * finding, and every exception is one of the known, reasoned suppressions.
 */
import { App } from 'cdktf';
import { loadAllEnvironments } from '../../../config/load';
import { blockingFindings, evaluateStack, suppressionsWithin } from '../../../guardrails';
import { buildApp } from '../../../stacks/app';
import { runsOnEmulator, type DeployTarget } from '../../../stacks/deploy-target';

function stacksFor(target: DeployTarget) {
  const environments = loadAllEnvironments().filter((e) => target === 'aws' || runsOnEmulator(e));
  return buildApp(new App({ outdir: '/tmp/guardrails-not-written' }), environments, { target }).flatMap((s) => [
    { stack: s.bootstrap, productionLike: s.delivery.env.productionLike },
    { stack: s.delivery, productionLike: s.delivery.env.productionLike },
  ]);
}

describe.each(['aws', 'emulator'] as const)('guardrails on the %s stacks', (target) => {
  const stacks = stacksFor(target);

  test.each(stacks.map((s) => [s.stack.node.id, s]))('%s has no blocking finding', (_name, { stack, productionLike }) => {
    const blocking = blockingFindings(evaluateStack(stack, { productionLike })).map((f) => `${f.ruleId} ${f.path}: ${f.reason}`);
    expect(blocking).toEqual([]);
  });
});

test('the exceptions for AWS: the HTTP hop from CloudFront to the ALB in each environment, and the kept task group of the take-over', () => {
  const suppressed = stacksFor('aws').flatMap(({ stack }) => suppressionsWithin(stack).map((s) => `${s.ruleId} ${s.path}`));
  expect(suppressed.sort()).toEqual([
    'FIN-CF6 delivery-dev/edge/vpc-origin',
    'FIN-CF6 delivery-production/edge/vpc-origin',
    'FIN-SG3 delivery-production/service/service',
  ]);
});
