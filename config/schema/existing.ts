/**
 * `existing`: what already runs in the environment's account and must be adopted (imported into
 * Terraform state on the first apply) instead of created a second time under the same name. The
 * names come from the other sections (`service.clusterName`, `loadBalancer.name`, ...); this
 * section says which of them exist. `npm run adopt -- <env>` finds each one in the account and
 * pins its import ID in `config/<env>.imports.json`.
 */
import { z } from 'zod';
import { DEFAULT_GATEWAY_SERVICES, DEFAULT_INTERFACE_SERVICES } from '../../constructs/network/vpc-endpoints';
import { ECS_EXEC_ENDPOINT_SERVICE } from '../../constructs/service/ecs-exec';
import { port, securityGroupId } from './primitives';

/** The endpoint services this stack would create, and so may find already in the VPC. */
export const ADOPTABLE_ENDPOINT_SERVICES = [...DEFAULT_INTERFACE_SERVICES, ECS_EXEC_ENDPOINT_SERVICE, ...DEFAULT_GATEWAY_SERVICES] as const;

const adopted = (what: string) => z.boolean().default(false).describe(`${what} exists: import it on the first apply.`);

export const existingSchema = z
  .strictObject({
    ecsCluster: adopted('The ECS cluster service.clusterName'),
    ecsService: adopted('The ECS service service.serviceName in that cluster'),
    loadBalancer: adopted('The ALB loadBalancer.name'),
    listenerPorts: z
      .array(port)
      .default([])
      .describe('Listeners of that ALB that exist (by port), e.g. [80]: import them; the stack then changes their actions in place.'),
    targetGroup: adopted('The target group loadBalancer.targetGroupName'),
    ecrRepository: adopted('The ECR repository registry.repositoryName'),
    logGroup: adopted('The container log group service.logGroupName'),
    vpcEndpoints: z
      .partialRecord(z.enum(ADOPTABLE_ENDPOINT_SERVICES), z.enum(['adopt', 'keep']))
      .default({})
      .describe(
        'Endpoints already in the VPC, by service (ecr.api, s3, ...): "adopt" imports one and manages it; "keep" leaves it alone and creates none for that service.',
      ),
    distribution: z
      .strictObject({
        domainName: z
          .string()
          .regex(/^[a-z0-9]+\.cloudfront\.net$/, 'a CloudFront domain name such as d17sqls800e6wq.cloudfront.net')
          .describe('The *.cloudfront.net name clients use; the distribution keeps it.'),
      })
      .optional()
      .describe('The CloudFront distribution in front of the ALB: import it and change it in place (its domain name stays).'),
    securityGroups: z
      .strictObject({
        loadBalancer: securityGroupId
          .optional()
          .describe(
            "The ALB's hand-made group. Replaced, not imported: the stack's prefix-list groups take its place on the ALB in the first apply; retire it afterwards.",
          ),
        tasks: securityGroupId
          .optional()
          .describe(
            "The tasks' hand-made group. Kept attached to the tasks beside the managed group, so data stores that admit it keep admitting the tasks; remove it here once they admit the managed group, then retire it.",
          ),
      })
      .prefault({})
      .describe('Security groups of the running system, and what the cut-over does with each.'),
  })
  .superRefine((existing, ctx) => {
    if (existing.ecsService && !existing.ecsCluster) {
      ctx.addIssue({
        code: 'custom',
        path: ['ecsCluster'],
        input: false,
        message: 'must be true when existing.ecsService is: the service lives in that cluster, so the cluster exists too',
      });
    }
    if (existing.listenerPorts.length > 0 && !existing.loadBalancer) {
      ctx.addIssue({
        code: 'custom',
        path: ['loadBalancer'],
        input: false,
        message: 'must be true when existing.listenerPorts lists a listener: a listener belongs to that ALB',
      });
    }
    existing.listenerPorts.forEach((p, i) => {
      if (existing.listenerPorts.indexOf(p) !== i) {
        ctx.addIssue({ code: 'custom', path: ['listenerPorts', i], input: p, message: 'is listed twice' });
      }
    });
  })
  .describe('What already exists in the account and is adopted instead of created (see "Taking over the running system" in the README).');

export type ExistingConfig = z.output<typeof existingSchema>;
