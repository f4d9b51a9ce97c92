import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import { DataAwsPrefixList } from '@cdktf/provider-aws/lib/data-aws-prefix-list';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { DEFAULT_GATEWAY_SERVICES } from './vpc-endpoints';
import { LOAD_BALANCER_PORTS } from '../shared/limits';
import type { Outputs } from '../shared/outputs';

/** AWS-managed prefix list of CloudFront's origin-facing servers. */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';

export interface SecurityGroupsProps {
  /** Prefix of every group's name. */
  readonly namePrefix: string;
  readonly vpcId: string;
  /** CIDR of the VPC; destination of the task egress to data stores that this stack does not own. */
  readonly vpcCidrBlock: string;
  /** Port the container listens on. */
  readonly containerPort: number;
  /**
   * Ports the load balancer accepts from CloudFront. Each port gets its own security group,
   * because a rule that references the CloudFront prefix list counts as the list's weight
   * (its max entries, 55 today) against the 60-rules-per-group quota: two such rules in one
   * group would exceed it — the limit the hand-made IP-range rules ran into.
   * @default [80, 443]
   */
  readonly loadBalancerPorts?: readonly number[];
  /**
   * Data-store ports the tasks may open to the VPC CIDR (referenced data tier) — ignored for
   * ports listed in `dataStoreGroups`.
   * @default [6379, 5432]
   */
  readonly dataStorePorts?: readonly number[];
  /**
   * Create one security group per data store that admits its port from the tasks only, and
   * point the task egress at it instead of the VPC CIDR (created data tier).
   * @default {}
   */
  readonly dataStoreGroups?: Readonly<Record<string, number>>;
}

/**
 * Every security group of the service and every rule between them, in one place, one rule per
 * resource:
 *
 * | group       | ingress                                      | egress                                   |
 * |-------------|----------------------------------------------|------------------------------------------|
 * | alb-<port>  | <port> from the CloudFront origin-facing list | container port to tasks (first group)    |
 * | tasks       | container port from the ALB groups            | 443 to endpoints and gateway prefix lists; data-store ports |
 * | endpoints   | 443 from tasks                               | none                                     |
 * | <data store>| its port from tasks                          | none                                     |
 */
export class SecurityGroups extends Construct {
  /** What an operator needs after a deploy (a stack exports them). */
  public readonly outputs: Outputs;
  /** One group per load balancer port, in the order of `loadBalancerPorts`. */
  public readonly loadBalancer: SecurityGroup[];
  public readonly tasks: SecurityGroup;
  public readonly endpoints: SecurityGroup;
  public readonly dataStores: Record<string, SecurityGroup> = {};
  public readonly cloudFrontPrefixList: DataAwsEc2ManagedPrefixList;
  private readonly vpcCidrBlock: string;

  public constructor(scope: Construct, id: string, props: SecurityGroupsProps) {
    super(scope, id);
    const prefix = props.namePrefix;
    this.vpcCidrBlock = props.vpcCidrBlock;
    const lbPorts = props.loadBalancerPorts ?? [80, 443];
    if (lbPorts.length < LOAD_BALANCER_PORTS.min || lbPorts.length > LOAD_BALANCER_PORTS.max) {
      throw new Error(
        `SecurityGroups ${id}: loadBalancerPorts must list ${LOAD_BALANCER_PORTS.min}–${LOAD_BALANCER_PORTS.max} ports (an ALB takes at most 5 groups); got [${lbPorts.join(', ')}].`,
      );
    }
    const duplicatePort = lbPorts.find((p, i) => lbPorts.indexOf(p) !== i);
    if (duplicatePort !== undefined) {
      throw new Error(`SecurityGroups ${id}: loadBalancerPorts lists ${duplicatePort} twice; list each port once.`);
    }
    const dataStoreGroups = props.dataStoreGroups ?? {};
    const reserved = ['tasks', 'endpoints', ...lbPorts.map((p) => `alb-${p}`)];
    const clash = Object.keys(dataStoreGroups).find((name) => reserved.includes(name));
    if (clash) {
      throw new Error(
        `SecurityGroups ${id}: dataStoreGroups name "${clash}" is taken by a built-in group (${reserved.join(', ')}); choose another.`,
      );
    }
    const dataStorePorts = (props.dataStorePorts ?? [6379, 5432]).filter((p) => !Object.values(dataStoreGroups).includes(p));

    const group = (gid: string, description: string) =>
      new SecurityGroup(this, gid, {
        name: `${prefix}-${gid}`,
        description,
        vpcId: props.vpcId,
        tags: { Name: `${prefix}-${gid}` },
        lifecycle: { createBeforeDestroy: true },
      });

    this.cloudFrontPrefixList = new DataAwsEc2ManagedPrefixList(this, 'cloudfront-origin-facing', {
      name: CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST,
    });
    this.loadBalancer = lbPorts.map((p) => group(`alb-${p}`, `Internal ALB: TCP ${p} from CloudFront origin-facing servers only`));
    this.tasks = group('tasks', 'Fargate tasks: container port from the ALB only');
    this.endpoints = group('endpoints', 'Interface VPC endpoints: HTTPS from the tasks only');

    lbPorts.forEach((p, i) => {
      new VpcSecurityGroupIngressRule(this, `alb-${p}-from-cloudfront`, {
        securityGroupId: this.loadBalancer[i]!.id,
        description: `TCP ${p} from CloudFront`,
        ipProtocol: 'tcp',
        fromPort: p,
        toPort: p,
        prefixListId: this.cloudFrontPrefixList.id,
      });
    });
    new VpcSecurityGroupEgressRule(this, 'alb-to-tasks', {
      securityGroupId: this.loadBalancer[0]!.id,
      description: 'Forward to the tasks',
      ipProtocol: 'tcp',
      fromPort: props.containerPort,
      toPort: props.containerPort,
      referencedSecurityGroupId: this.tasks.id,
    });
    this.loadBalancer.forEach((lb, i) => {
      new VpcSecurityGroupIngressRule(this, `tasks-from-alb-${lbPorts[i]}`, {
        securityGroupId: this.tasks.id,
        description: 'Container port from the ALB',
        ipProtocol: 'tcp',
        fromPort: props.containerPort,
        toPort: props.containerPort,
        referencedSecurityGroupId: lb.id,
      });
    });
    new VpcSecurityGroupEgressRule(this, 'tasks-to-endpoints', {
      securityGroupId: this.tasks.id,
      description: 'HTTPS to the interface endpoints',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      referencedSecurityGroupId: this.endpoints.id,
    });
    for (const p of dataStorePorts) {
      new VpcSecurityGroupEgressRule(this, `tasks-to-vpc-${p}`, {
        securityGroupId: this.tasks.id,
        description: `TCP ${p} to data stores in the VPC`,
        ipProtocol: 'tcp',
        fromPort: p,
        toPort: p,
        cidrIpv4: props.vpcCidrBlock,
      });
    }
    new VpcSecurityGroupIngressRule(this, 'endpoints-from-tasks', {
      securityGroupId: this.endpoints.id,
      description: 'HTTPS from the tasks',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      referencedSecurityGroupId: this.tasks.id,
    });
    for (const [name, p] of Object.entries(dataStoreGroups)) {
      const store = group(name, `${name}: TCP ${p} from the tasks only`);
      new VpcSecurityGroupIngressRule(this, `${name}-from-tasks`, {
        securityGroupId: store.id,
        description: `TCP ${p} from the tasks`,
        ipProtocol: 'tcp',
        fromPort: p,
        toPort: p,
        referencedSecurityGroupId: this.tasks.id,
      });
      new VpcSecurityGroupEgressRule(this, `tasks-to-${name}`, {
        securityGroupId: this.tasks.id,
        description: `TCP ${p} to ${name}`,
        ipProtocol: 'tcp',
        fromPort: p,
        toPort: p,
        referencedSecurityGroupId: store.id,
      });
      this.dataStores[name] = store;
    }
    this.outputs = {
      task_security_group_id: { value: this.tasks.id, description: 'Data stores must admit the tasks from this group.' },
    };
  }

  /**
   * Lets the tasks reach VPC endpoints this stack does not manage (kept as they are): HTTPS to a
   * kept gateway endpoint's AWS prefix list, and HTTPS to the VPC's CIDR for kept interface
   * endpoints, whose own groups must admit the tasks. No rule when nothing is kept.
   * @param services endpoint services (`s3`, `logs`, ...); construct IDs derive from them
   */
  public allowTasksHttpsToKeptEndpoints(region: string, services: readonly string[]): void {
    const gateways = services.filter((s) => (DEFAULT_GATEWAY_SERVICES as readonly string[]).includes(s));
    for (const service of gateways) {
      const list = new DataAwsPrefixList(this, `kept-${service}-prefix-list`, { name: `com.amazonaws.${region}.${service}` });
      this.allowTasksHttpsToPrefixList(`kept-${service}`, list.id);
    }
    if (services.length > gateways.length) {
      new VpcSecurityGroupEgressRule(this, 'tasks-to-vpc-443', {
        securityGroupId: this.tasks.id,
        description: 'HTTPS to interface endpoints in the VPC that this stack does not manage',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: this.vpcCidrBlock,
      });
    }
  }

  /**
   * Lets the tasks open HTTPS to a gateway endpoint's prefix list (S3 for image layers, DynamoDB).
   * @param name construct-ID suffix: a contract, renaming it replaces the rule
   */
  public allowTasksHttpsToPrefixList(name: string, prefixListId: string): VpcSecurityGroupEgressRule {
    return new VpcSecurityGroupEgressRule(this, `tasks-to-${name}`, {
      securityGroupId: this.tasks.id,
      description: `HTTPS to the ${name} gateway endpoint`,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      prefixListId,
    });
  }
}
