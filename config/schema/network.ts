/** `network`: the VPC the service runs in, referenced by ID or created here. */
import { z } from 'zod';
import { cidrBlock, securityGroupId, subnetId, vpcId } from './primitives';

const existingNetworkSchema = z
  .strictObject({
    mode: z.literal('existing').describe('Reference a VPC and subnets that already exist.'),
    vpcId: vpcId.describe('The existing VPC.'),
    taskSubnetIds: z
      .array(subnetId)
      .min(2)
      .describe('Private subnets, in at least two AZs, for the Fargate tasks and the interface endpoints.'),
    loadBalancerSubnetIds: z.array(subnetId).min(2).describe('Subnets, in at least two AZs, for the internal ALB.'),
    additionalTaskSecurityGroupIds: z
      .array(securityGroupId)
      .max(4)
      .default([])
      .describe(
        'Existing security groups attached to the tasks besides the managed one, e.g. a group that existing data stores already admit.',
      ),
  })
  .superRefine((network, ctx) => {
    for (const field of ['taskSubnetIds', 'loadBalancerSubnetIds'] as const) {
      network[field].forEach((id, i) => {
        if (network[field].indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [field, i], input: id, message: 'is listed twice' });
      });
    }
  });

const createdNetworkSchema = z.strictObject({
  mode: z.literal('create').describe('Create a VPC with private subnets and no NAT gateway.'),
  cidrBlock: cidrBlock.describe('IPv4 CIDR of the new VPC.'),
  availabilityZoneCount: z.number().int().min(2).max(3).default(2).describe('Number of AZs to spread subnets over (2–3).'),
});

export const networkSchema = z.discriminatedUnion('mode', [existingNetworkSchema, createdNetworkSchema]);
export const NETWORK_MODES = [existingNetworkSchema.shape.mode.value, createdNetworkSchema.shape.mode.value] as const;
