/** `service`: the ECS cluster, task definition and Fargate service. */
import { z } from 'zod';
import { FARGATE_TASK_SIZES, MAX_FARGATE_SPOT_WEIGHT, TASK_ENVIRONMENT_MAX_BYTES } from '../../constructs/shared/limits';
import { envVarName, logGroupName, port, resourceName } from './primitives';

export const serviceSchema = z
  .strictObject({
    clusterName: resourceName(255, 'a cluster name').describe('ECS cluster name.'),
    serviceName: resourceName(255, 'a service name').describe('ECS service name.'),
    taskFamily: resourceName(255, 'a task family').describe('Task definition family.'),
    containerName: resourceName(255, 'a container name').describe('Name of the application container.'),
    imageTag: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'a Docker tag: letters, digits, _ . -, at most 128 characters')
      .optional()
      .describe('Default of the image_tag Terraform variable. Omit it to make every plan name the release (-var image_tag=v1.4.2).'),
    desiredCount: z.number().int().min(1).max(1000).describe('Number of running tasks (≥ 1).'),
    cpu: z
      .number()
      .int()
      .refine((c) => c in FARGATE_TASK_SIZES, {
        message: `must be a Fargate CPU size: ${Object.keys(FARGATE_TASK_SIZES).join(', ')}`,
      })
      .describe('Task CPU units.'),
    memory: z.number().int().describe('Task memory (MiB); must be valid for the CPU size.'),
    containerPort: port.describe('Port the container listens on.'),
    platformVersion: z
      .string()
      .regex(/^(LATEST|1\.4\.0|1\.3\.0)$/, 'LATEST, 1.4.0 or 1.3.0')
      .default('LATEST')
      .describe('Fargate platform version.'),
    environment: z
      .record(envVarName, z.string())
      .default({})
      .describe('Plain environment variables (never secrets). REDIS_HOST and REDIS_PORT come from the data tier.'),
    logGroupName: logGroupName.describe('CloudWatch log group for the container.'),
    executionRoleName: resourceName(64, 'an IAM role name').describe('Name of the task execution role.'),
    taskRoleName: resourceName(64, 'an IAM role name').describe('Name of the task (application) role.'),
    healthCheckGracePeriodSeconds: z
      .number()
      .int()
      .min(0)
      .max(2_147_483_647)
      .default(60)
      .describe('Seconds the scheduler ignores failing ALB health checks after a task starts.'),
    autoscaling: z
      .strictObject({
        maxCapacity: z.number().int().min(1).max(1000).describe('Most tasks the scaler may run.'),
        cpuTargetPercent: z.number().min(1).max(100).default(60).describe('Average CPU the scaler aims for (%).'),
        requestsPerTargetPerMinute: z.number().int().min(1).default(1000).describe('ALB requests per task per minute the scaler aims for.'),
        scaleInCooldownSeconds: z.number().int().min(0).max(3600).default(300).describe('Wait after a scale-in (s).'),
        scaleOutCooldownSeconds: z.number().int().min(0).max(3600).default(60).describe('Wait after a scale-out (s).'),
      })
      .optional()
      .describe('Target tracking on CPU and on ALB requests per task; the minimum is desiredCount. Omit to run a fixed count.'),
    fargateSpotWeight: z
      .number()
      .int()
      .min(0)
      .max(MAX_FARGATE_SPOT_WEIGHT)
      .default(0)
      .describe('Share of tasks on FARGATE_SPOT (weight against 1 on FARGATE, one task always on FARGATE); 0 = none. Non-production only.'),
    restartOnSecretChange: z
      .boolean()
      .default(true)
      .describe(
        'Roll the tasks (a forced new deployment) when an injected secret rotates or gets a new value: ECS reads injected secrets only when a task starts.',
      ),
    ecsExec: z
      .boolean()
      .default(false)
      .describe(
        'Allow `aws ecs execute-command` into tasks (adds the ssmmessages endpoint and permissions; the root filesystem then becomes writable). Never in production.',
      ),
  })
  .superRefine((service, ctx) => {
    if (!(FARGATE_TASK_SIZES[service.cpu] ?? []).includes(service.memory)) {
      ctx.addIssue({ code: 'custom', path: ['memory'], input: service.memory, message: 'is not a valid Fargate size for this cpu' });
    }
    const scaling = service.autoscaling;
    if (scaling && scaling.maxCapacity < service.desiredCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['autoscaling', 'maxCapacity'],
        input: scaling.maxCapacity,
        message: `must be at least service.desiredCount (${service.desiredCount}), the scaler's minimum`,
      });
    }
    const environmentBytes = Object.entries(service.environment).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    if (environmentBytes > TASK_ENVIRONMENT_MAX_BYTES) {
      ctx.addIssue({
        code: 'custom',
        path: ['environment'],
        input: `${environmentBytes} bytes`,
        message: `must hold at most ${TASK_ENVIRONMENT_MAX_BYTES} bytes of names and values: ECS refuses a task definition over 64 KiB (put large configuration in S3 or Parameter Store)`,
      });
    }
    for (const reserved of ['REDIS_HOST', 'REDIS_PORT']) {
      if (reserved in service.environment) {
        ctx.addIssue({
          code: 'custom',
          path: ['environment', reserved],
          input: service.environment[reserved],
          message: 'is set from dataServices; remove it here',
        });
      }
    }
    for (const name of Object.keys(service.environment)) {
      if (/(PASSWORD|SECRET|TOKEN|API_KEY)/.test(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['environment', name],
          input: name,
          message:
            'looks like a secret; plain environment variables are visible in the task definition — inject it from Secrets Manager instead',
        });
      }
    }
  })
  .describe('The ECS Fargate service.');
