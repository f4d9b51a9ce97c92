import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { Testing } from 'cdktf';
import { FargateService, type FargateServiceProps } from '../../../../constructs/service/fargate-service';
import { SERVICE_PROPS, synthService as synthFargateService } from '../../../helpers/fargate-service';
import { onlyResource, parseJsonAttribute, resourcesOf } from '../../../helpers/synth';
import { referenceTo } from '../../../helpers/constructs';

/** The fields of an ECS container definition these tests read. */
interface ContainerDefinition {
  name: string;
  image: string;
  essential: boolean;
  portMappings: { name: string; containerPort: number; hostPort: number; protocol: string }[];
  environment: { name: string; value: string }[];
  secrets: { name: string; valueFrom: string }[];
  readonlyRootFilesystem: boolean;
  user: string;
  privileged: boolean;
  mountPoints: { sourceVolume: string; containerPath: string; readOnly: boolean }[];
  logConfiguration: { logDriver: string; options: Record<string, string> };
  stopTimeout: number;
}

const EXECUTION_ROLE = 'arn:aws:iam::296674251987:role/fintech-api-execution';
const TASK_ROLE = 'arn:aws:iam::296674251987:role/fintech-api-task';
const TARGET_GROUP = 'arn:aws:elasticloadbalancing:us-east-1:296674251987:targetgroup/fintech-api-tg/0123456789abcdef';
const DB_PASSWORD_FROM = 'arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/db-credentials:password::';

const BASE: FargateServiceProps = {
  ...SERVICE_PROPS,
  environment: { REGION: 'us-east-1', ENVIRONMENT: 'production' },
  secrets: [{ name: 'DB_PASSWORD', valueFrom: DB_PASSWORD_FROM }],
};

function synthService(overrides: Partial<FargateServiceProps> = {}): string {
  return synthFargateService(overrides, BASE);
}

function containers(synth: string): ContainerDefinition[] {
  return parseJsonAttribute<ContainerDefinition[]>(onlyResource(synth, 'aws_ecs_task_definition').container_definitions);
}

function container(synth: string): ContainerDefinition {
  const all = containers(synth);
  if (all.length !== 1) throw new Error(`expected one container, found ${all.length}`);
  return all[0]!;
}

describe('FargateService', () => {
  describe('with the defaults', () => {
    let synth: string;
    let app: ContainerDefinition;
    beforeAll(() => {
      synth = synthService();
      app = container(synth);
    });

    test('creates the cluster with Container Insights enabled', () => {
      expect(synth).toHaveResourceWithProperties(EcsCluster, {
        name: 'fintech-cluster',
        setting: [expect.objectContaining({ name: 'containerInsights', value: 'enabled' })],
      });
    });

    test('the task definition is a Fargate awsvpc task with the configured size on Linux x86_64', () => {
      expect(synth).toHaveResourceWithProperties(EcsTaskDefinition, {
        family: 'fintech-api',
        network_mode: 'awsvpc',
        requires_compatibilities: ['FARGATE'],
        cpu: '512',
        memory: '1024',
        runtime_platform: expect.objectContaining({ operating_system_family: 'LINUX', cpu_architecture: 'X86_64' }),
      });
    });

    test('the execution role and the task role are wired to their own fields and differ', () => {
      const definition = onlyResource(synth, 'aws_ecs_task_definition');
      expect(definition.execution_role_arn).toBe(EXECUTION_ROLE);
      expect(definition.task_role_arn).toBe(TASK_ROLE);
      expect(definition.execution_role_arn).not.toBe(definition.task_role_arn);
    });

    test('defines exactly one essential container running the given image', () => {
      expect(containers(synth)).toHaveLength(1);
      expect(app).toEqual(expect.objectContaining({ name: 'fintech-api', image: BASE.image, essential: true }));
    });

    test('the container maps the container port over TCP', () => {
      expect(app.portMappings).toEqual([{ name: 'http', containerPort: 8080, hostPort: 8080, protocol: 'tcp' }]);
    });

    test('plain environment variables are sorted by name (a stable task definition revision)', () => {
      expect(app.environment).toEqual([
        { name: 'ENVIRONMENT', value: 'production' },
        { name: 'REGION', value: 'us-east-1' },
      ]);
    });

    test('secrets are injected from Secrets Manager by valueFrom and never appear as plain variables', () => {
      expect(app.secrets).toEqual([{ name: 'DB_PASSWORD', valueFrom: DB_PASSWORD_FROM }]);
      expect(app.environment.map((e) => e.name)).not.toContain('DB_PASSWORD');
      expect(JSON.stringify(app.environment)).not.toContain(DB_PASSWORD_FROM);
    });

    test('the root filesystem is read-only by default, with /tmp writable on an ephemeral "tmp" volume', () => {
      expect(app.readonlyRootFilesystem).toBe(true);
      expect(app.mountPoints).toEqual([{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }]);
      expect(synth).toHaveResourceWithProperties(EcsTaskDefinition, { volume: [expect.objectContaining({ name: 'tmp' })] });
    });

    test('the container runs as the non-root user 1000:1000 by default, unprivileged', () => {
      expect(app.user).toBe('1000:1000');
      expect(app.privileged).toBe(false);
    });

    test('the container logs to the log group through awslogs, in the region, prefixed by container name', () => {
      expect(app.logConfiguration).toEqual({
        logDriver: 'awslogs',
        options: {
          'awslogs-group': '/ecs/fintech-api',
          'awslogs-region': 'us-east-1',
          'awslogs-stream-prefix': 'fintech-api',
        },
      });
    });

    test('the container gets 30 s to stop gracefully', () => {
      expect(app.stopTimeout).toBe(30);
    });

    test('the service runs the task definition on the cluster with Fargate LATEST (default platform version)', () => {
      expect(synth).toHaveResourceWithProperties(EcsService, {
        name: 'fintech-api-service',
        cluster: referenceTo(synth, 'aws_ecs_cluster', () => true, 'arn'),
        task_definition: referenceTo(synth, 'aws_ecs_task_definition', () => true, 'arn'),
        launch_type: 'FARGATE',
        platform_version: 'LATEST',
        desired_count: 3,
      });
    });

    test('tasks get no public IP and run in the given private subnets with the given security groups', () => {
      expect(synth).toHaveResourceWithProperties(EcsService, {
        network_configuration: expect.objectContaining({
          assign_public_ip: false,
          subnets: [...BASE.subnetIds],
          security_groups: [...BASE.securityGroupIds],
        }),
      });
    });

    test('tasks register in the target group by container name and port', () => {
      expect(synth).toHaveResourceWithProperties(EcsService, {
        load_balancer: [expect.objectContaining({ target_group_arn: TARGET_GROUP, container_name: 'fintech-api', container_port: 8080 })],
      });
    });

    test('the health check grace period defaults to 60 s', () => {
      expect(synth).toHaveResourceWithProperties(EcsService, { health_check_grace_period_seconds: 60 });
    });

    test('deployments keep full capacity (100/200 %) and roll back through the circuit breaker', () => {
      expect(synth).toHaveResourceWithProperties(EcsService, {
        deployment_minimum_healthy_percent: 100,
        deployment_maximum_percent: 200,
        deployment_circuit_breaker: expect.objectContaining({ enable: true, rollback: true }),
      });
    });

    test('service tags propagate to tasks, with ECS-managed tags on', () => {
      expect(synth).toHaveResourceWithProperties(EcsService, {
        propagate_tags: 'SERVICE',
        enable_ecs_managed_tags: true,
      });
    });

    test('tasks are rebalanced across AZs', () => {
      expect(synth).toHaveResourceWithProperties(EcsService, { availability_zone_rebalancing: 'ENABLED' });
    });

    test('without dependsOn the service has no explicit dependency', () => {
      expect(onlyResource(synth, 'aws_ecs_service').depends_on).toBeUndefined();
    });

    test('Terraform manages the desired count by default (no lifecycle ignore_changes)', () => {
      expect(onlyResource(synth, 'aws_ecs_service').lifecycle).not.toHaveProperty('ignore_changes');
    });

    test('Spot is off by default: launch type FARGATE, no capacity provider strategy, no cluster capacity providers', () => {
      const service = onlyResource(synth, 'aws_ecs_service');
      expect(service.launch_type).toBe('FARGATE');
      expect(service.capacity_provider_strategy).toBeUndefined();
      expect(service.force_new_deployment).toBeUndefined();
      expect(resourcesOf(synth, 'aws_ecs_cluster_capacity_providers')).toEqual({});
    });

    test('ECS Exec is off by default', () => {
      expect(synth).toHaveResourceWithProperties(EcsService, { enable_execute_command: false });
    });
  });

  describe('desiredCountManagedExternally', () => {
    test('true makes Terraform ignore later changes to desired_count', () => {
      expect(synthService({ desiredCountManagedExternally: true })).toHaveResourceWithProperties(EcsService, {
        lifecycle: expect.objectContaining({ ignore_changes: ['desired_count'] }),
      });
    });

    test('true still creates the service with the configured desired count', () => {
      expect(synthService({ desiredCountManagedExternally: true })).toHaveResourceWithProperties(EcsService, { desired_count: 3 });
    });

    test('false ignores no changes', () => {
      expect(onlyResource(synthService({ desiredCountManagedExternally: false }), 'aws_ecs_service').lifecycle).not.toHaveProperty(
        'ignore_changes',
      );
    });
  });

  describe('fargateSpotWeight', () => {
    let synth: string;
    beforeAll(() => {
      synth = synthService({ fargateSpotWeight: 3 });
    });

    test('a positive weight associates FARGATE and FARGATE_SPOT with the cluster', () => {
      expect(synth).toHaveResourceWithProperties(EcsClusterCapacityProviders, {
        cluster_name: referenceTo(synth, 'aws_ecs_cluster', () => true, 'name'),
        capacity_providers: ['FARGATE', 'FARGATE_SPOT'],
      });
    });

    test('a positive weight replaces the launch type with a strategy: FARGATE base 1 weight 1, FARGATE_SPOT at the weight', () => {
      const service = onlyResource(synth, 'aws_ecs_service');
      expect(service.launch_type).toBeUndefined();
      expect(service.capacity_provider_strategy).toEqual([
        { capacity_provider: 'FARGATE', base: 1, weight: 1 },
        { capacity_provider: 'FARGATE_SPOT', weight: 3 },
      ]);
    });

    test('with Spot, a strategy change is a rolling deployment, not a replacement (force_new_deployment)', () => {
      expect(synth).toHaveResourceWithProperties(EcsService, { force_new_deployment: true });
    });

    test('the service waits for the cluster capacity providers, after the given dependencies', () => {
      const synthWithDependency = Testing.synthScope((scope) => {
        const dependency = new CloudwatchLogGroup(scope, 'listener-stand-in', { name: 'stand-in' });
        new FargateService(scope, 'service', { ...BASE, fargateSpotWeight: 1, dependsOn: [dependency] });
      });
      const address = (type: string) => referenceTo(synthWithDependency, type, () => true).replace(/^\$\{(.*)\.id\}$/, '$1');
      expect(onlyResource(synthWithDependency, 'aws_ecs_service').depends_on).toEqual([
        address('aws_cloudwatch_log_group'),
        address('aws_ecs_cluster_capacity_providers'),
      ]);
    });

    test('the capacity providers are exposed only when Spot is on', () => {
      Testing.synthScope((scope) => {
        expect(new FargateService(scope, 'spot', { ...BASE, fargateSpotWeight: 1 }).capacityProviders).toBeDefined();
        expect(new FargateService(scope, 'on-demand', { ...BASE, clusterName: 'other' }).capacityProviders).toBeUndefined();
      });
    });

    test('weight 10 (the maximum) is accepted', () => {
      expect(synthService({ fargateSpotWeight: 10 })).toHaveResourceWithProperties(EcsService, {
        capacity_provider_strategy: expect.arrayContaining([{ capacity_provider: 'FARGATE_SPOT', weight: 10 }]),
      });
    });

    test('weight 0 keeps launch type FARGATE', () => {
      expect(onlyResource(synthService({ fargateSpotWeight: 0 }), 'aws_ecs_service').launch_type).toBe('FARGATE');
    });

    test.each([-1, 11, 1.5, Number.NaN])('rejects fargateSpotWeight %p, naming the bad value and the range', (weight) => {
      expect(() => synthService({ fargateSpotWeight: weight })).toThrow(
        new RegExp(`fargateSpotWeight must be an integer 0–10 \\(got ${weight}\\); 0 turns Spot off`),
      );
    });
  });

  describe('enableExecuteCommand', () => {
    test('true turns ECS Exec on (with a writable root filesystem)', () => {
      expect(synthService({ enableExecuteCommand: true, readonlyRootFilesystem: false })).toHaveResourceWithProperties(EcsService, {
        enable_execute_command: true,
      });
    });

    test('rejects ECS Exec with a read-only root filesystem (the SSM agent must write), naming the fix', () => {
      expect(() => synthService({ enableExecuteCommand: true })).toThrow(
        /enableExecuteCommand needs a writable root filesystem \(got readonlyRootFilesystem true\).*Set readonlyRootFilesystem: false/,
      );
    });
  });

  test('readonlyRootFilesystem false mounts nothing and declares no volume', () => {
    const synth = synthService({ readonlyRootFilesystem: false });
    const app = container(synth);
    expect(app.readonlyRootFilesystem).toBe(false);
    expect(app.mountPoints).toEqual([]);
    expect(onlyResource(synth, 'aws_ecs_task_definition').volume).toBeUndefined();
  });

  test('user overrides the container user', () => {
    expect(container(synthService({ user: '10001:10001' })).user).toBe('10001:10001');
  });

  test('platformVersion overrides the Fargate platform version', () => {
    expect(synthService({ platformVersion: '1.4.0' })).toHaveResourceWithProperties(EcsService, {
      platform_version: '1.4.0',
    });
  });

  test('healthCheckGracePeriodSeconds overrides the grace period', () => {
    expect(synthService({ healthCheckGracePeriodSeconds: 120 })).toHaveResourceWithProperties(EcsService, {
      health_check_grace_period_seconds: 120,
    });
  });

  test('environment and secrets default to empty lists', () => {
    const app = container(synthService({ environment: undefined, secrets: undefined }));
    expect(app.environment).toEqual([]);
    expect(app.secrets).toEqual([]);
  });

  test('the service waits for the resources in dependsOn (the listener that attaches the target group)', () => {
    const synth = Testing.synthScope((scope) => {
      const dependency = new CloudwatchLogGroup(scope, 'listener-stand-in', { name: 'stand-in' });
      new FargateService(scope, 'service', { ...BASE, dependsOn: [dependency] });
    });
    const dependency = referenceTo(synth, 'aws_cloudwatch_log_group', () => true).replace(/^\$\{(.*)\.id\}$/, '$1');
    expect(onlyResource(synth, 'aws_ecs_service').depends_on).toEqual([dependency]);
  });

  test.each([0, -1, 1.5])('rejects desiredCount %p, naming the bad value', (count) => {
    expect(() => synthService({ desiredCount: count })).toThrow(new RegExp(`desiredCount must be an integer ≥ 1 \\(got ${count}\\)`));
  });

  test('rejects a name that is both a plain variable and a secret, naming it', () => {
    expect(() => synthService({ environment: { DB_PASSWORD: 'plain-text' } })).toThrow(
      /"DB_PASSWORD" is both a plain environment variable and a secret/,
    );
  });
});
