/** `service`: the ECS cluster, task definition and Fargate service. */
import { z } from 'zod';
import {
  DEFAULT_TASK_KMS_VIA_SERVICES,
  FARGATE_TASK_SIZES,
  KMS_VIA_SERVICES,
  MAX_FARGATE_SPOT_WEIGHT,
  TASK_ENVIRONMENT_MAX_BYTES,
} from '../../constructs/shared/limits';
import { isRootUser } from '../../guardrails/rules/container-non-root-user';
import { MIN_SUPPRESSION_REASON_LENGTH } from '../../guardrails/suppressions';
import { envVarName, logGroupName, port, resourceName } from './primitives';

/** Why a secure default is weakened; it becomes the guardrail exception's reason in docs/guardrails.md. */
const weakeningReason = z
  .string()
  .trim()
  .refine((r) => r.length >= MIN_SUPPRESSION_REASON_LENGTH, {
    message: `say why, in at least ${MIN_SUPPRESSION_REASON_LENGTH} characters: it becomes the guardrail exception's reason`,
  });

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
    kmsDecryptViaServices: z
      .array(z.enum(KMS_VIA_SERVICES))
      .default([...DEFAULT_TASK_KMS_VIA_SERVICES])
      .describe(
        "Services through which the application may decrypt with the data tier's key (the task role's kms:Decrypt carries kms:ViaService for them): Secrets Manager for its secrets, DynamoDB for its sessions table. An application that calls KMS itself must add kms, which grants kms:Decrypt without that condition (a reasoned exception to FIN-KMS2).",
      ),
    createContainerInsightsLogGroup: z
      .boolean()
      .default(true)
      .describe(
        'Create the Container Insights log group /aws/ecs/containerinsights/<clusterName>/performance before the cluster, encrypted with the data tier key and with monitoring.logRetentionDays (Container Insights would create it unencrypted, kept forever). Set false only where the group exists already (an adopted cluster): creating it again fails; that is a reasoned exception to FIN-LOG3.',
      ),
    containerUser: z
      .string()
      .regex(
        /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,31})?$/,
        'a user, UID, user:group or UID:GID, e.g. "1000:1000"',
      )
      .default('1000:1000')
      .describe(
        'User (and group) the container process runs as. Root ("root", "0", "0:<gid>") needs containerUserReason and is a reasoned exception to FIN-ECS2.',
      ),
    containerUserReason: weakeningReason
      .optional()
      .describe('Why the container runs as root (required exactly when containerUser is root); shown in docs/guardrails.md.'),
    readonlyRootFilesystem: z
      .boolean()
      .default(true)
      .describe(
        "Mount the container's root filesystem read-only; /tmp stays writable (an ephemeral volume). false needs readonlyRootFilesystemReason and is a reasoned exception to FIN-ECS1. ecsExec makes it writable regardless.",
      ),
    readonlyRootFilesystemReason: weakeningReason
      .optional()
      .describe(
        'Why the root filesystem is writable (required exactly when readonlyRootFilesystem is false and ecsExec is off); shown in docs/guardrails.md.',
      ),
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
    const rootUser = isRootUser(service.containerUser);
    if (rootUser !== (service.containerUserReason !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['containerUserReason'],
        input: service.containerUserReason,
        message: rootUser
          ? `is required: containerUser "${service.containerUser}" runs the container as root; say why (it becomes the FIN-ECS2 exception's reason), or use a non-root UID:GID such as "1000:1000"`
          : `must be omitted: containerUser "${service.containerUser}" is not root, so there is nothing to explain`,
      });
    }
    const writableRoot = !service.readonlyRootFilesystem && !service.ecsExec;
    if (writableRoot !== (service.readonlyRootFilesystemReason !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['readonlyRootFilesystemReason'],
        input: service.readonlyRootFilesystemReason,
        message: writableRoot
          ? "is required: readonlyRootFilesystem is false; say why the image must write outside /tmp (it becomes the FIN-ECS1 exception's reason), or mount the path it writes as a volume"
          : service.ecsExec
            ? 'must be omitted: ecsExec makes the root filesystem writable and is its own reason'
            : 'must be omitted: readonlyRootFilesystem is true, so there is nothing to explain',
      });
    }
    service.kmsDecryptViaServices.forEach((name, i) => {
      if (service.kmsDecryptViaServices.indexOf(name) !== i) {
        ctx.addIssue({ code: 'custom', path: ['kmsDecryptViaServices', i], input: name, message: 'is listed twice' });
      }
    });
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
