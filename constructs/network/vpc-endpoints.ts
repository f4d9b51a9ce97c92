import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Construct } from 'constructs';

/**
 * Interface endpoints a Fargate task in a private subnet without NAT needs to start and run:
 * - `ecr.api`, `ecr.dkr`: authenticate and pull the image manifest;
 * - `logs`: the awslogs driver;
 * - `secretsmanager`: secrets injection at start, and runtime reads;
 * - `kms`: the application's decrypt calls.
 */
export const DEFAULT_INTERFACE_SERVICES = ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'kms'] as const;

/** Gateway endpoints: `s3` (ECR image layers live in S3) and `dynamodb` (sessions table). */
export const DEFAULT_GATEWAY_SERVICES = ['s3', 'dynamodb'] as const;

export interface VpcEndpointsProps {
  readonly region: string;
  readonly vpcId: string;
  /** Subnets that get an endpoint network interface (the task subnets). */
  readonly subnetIds: readonly string[];
  /** Route tables the gateway endpoints add routes to (those of the task subnets). */
  readonly routeTableIds: readonly string[];
  /** Group on the interface endpoints; it should admit 443 from the tasks only. */
  readonly securityGroupId: string;
  /**
   * Interface endpoint services (the part after `com.amazonaws.<region>.`).
   * @default DEFAULT_INTERFACE_SERVICES
   */
  readonly interfaceServices?: readonly string[];
  /**
   * Gateway endpoint services.
   * @default DEFAULT_GATEWAY_SERVICES
   */
  readonly gatewayServices?: readonly string[];
  /** Prefix for Name tags. */
  readonly namePrefix: string;
}

/**
 * The VPC endpoints that replace a NAT gateway: interface endpoints with private DNS in the task
 * subnets, and gateway endpoints on the task subnets' route tables.
 */
export class VpcEndpoints extends Construct {
  /** Interface endpoints by service name (`ecr.api`, `logs`, ...). */
  public readonly interfaceEndpoints: Record<string, VpcEndpoint> = {};
  /** Gateway endpoints by service name (`s3`, `dynamodb`). */
  public readonly gatewayEndpoints: Record<string, VpcEndpoint> = {};

  public constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const interfaces = props.interfaceServices ?? DEFAULT_INTERFACE_SERVICES;
    const gateways = props.gatewayServices ?? DEFAULT_GATEWAY_SERVICES;
    const duplicate = [...interfaces, ...gateways].find((s, i, all) => all.indexOf(s) !== i);
    if (duplicate) throw new Error(`VpcEndpoints ${id}: service "${duplicate}" is listed twice.`);
    if (props.subnetIds.length === 0) throw new Error(`VpcEndpoints ${id}: subnetIds must not be empty.`);

    for (const service of interfaces) {
      this.interfaceEndpoints[service] = new VpcEndpoint(this, service.replace(/\./g, '-'), {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [...props.subnetIds],
        securityGroupIds: [props.securityGroupId],
        tags: { Name: `${props.namePrefix}-${service}` },
      });
    }
    for (const service of gateways) {
      this.gatewayEndpoints[service] = new VpcEndpoint(this, service, {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Gateway',
        routeTableIds: [...props.routeTableIds],
        tags: { Name: `${props.namePrefix}-${service}` },
      });
    }
  }
}
