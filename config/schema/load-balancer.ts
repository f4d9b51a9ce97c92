/** `loadBalancer`: the internal Application Load Balancer and its target group. */
import { z } from 'zod';
import { HEALTH_CHECK_LIMITS, healthCheckTimingProblem, LOAD_BALANCER_NAME_MAX_LENGTH } from '../../constructs/shared/limits';
import { acmCertificateArn, port, resourceName } from './primitives';

const { intervalSeconds, timeoutSeconds, threshold, pathMaxLength } = HEALTH_CHECK_LIMITS;

export const healthCheckSchema = z
  .strictObject({
    path: z
      .string()
      .regex(/^\/[\x21-\x7e]*$/, 'must start with "/" and contain no spaces')
      .max(pathMaxLength)
      .describe('HTTP path the target group probes.'),
    intervalSeconds: z
      .number()
      .int()
      .min(intervalSeconds.min)
      .max(intervalSeconds.max)
      .describe(`Seconds between probes (${intervalSeconds.min}–${intervalSeconds.max}).`),
    timeoutSeconds: z
      .number()
      .int()
      .min(timeoutSeconds.min)
      .max(timeoutSeconds.max)
      .describe(`Seconds before a probe counts as failed (${timeoutSeconds.min}–${timeoutSeconds.max}).`),
    healthyThreshold: z
      .number()
      .int()
      .min(threshold.min)
      .max(threshold.max)
      .describe(`Consecutive successes to mark a target healthy (${threshold.min}–${threshold.max}).`),
    unhealthyThreshold: z
      .number()
      .int()
      .min(threshold.min)
      .max(threshold.max)
      .describe(`Consecutive failures to mark a target unhealthy (${threshold.min}–${threshold.max}).`),
    matcher: z
      .string()
      .regex(/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/, 'HTTP codes such as "200" or "200-299"')
      .default('200')
      .describe('HTTP status codes that count as healthy.'),
  })
  .superRefine((h, ctx) => {
    const problem = healthCheckTimingProblem(h);
    if (problem) ctx.addIssue({ code: 'custom', path: ['timeoutSeconds'], input: h.timeoutSeconds, message: problem });
  });

const maxName = LOAD_BALANCER_NAME_MAX_LENGTH;

export const loadBalancerSchema = z
  .strictObject({
    name: resourceName(maxName, 'a load balancer name').describe(`ALB name (≤ ${maxName} characters).`),
    targetGroupName: resourceName(maxName, 'a target group name').describe(`Target group name (≤ ${maxName} characters).`),
    listenerPort: port.default(80).describe('Port of the HTTP listener the CloudFront origin connects to.'),
    crossZoneLoadBalancing: z.boolean().default(true).describe('Spread requests across AZs.'),
    deletionProtection: z.boolean().default(true).describe('Block deletion of the ALB through the API.'),
    idleTimeoutSeconds: z.number().int().min(1).max(4000).default(60).describe('Connection idle timeout (s).'),
    healthCheck: healthCheckSchema.describe('Target group health check.'),
    certificateArn: acmCertificateArn
      .optional()
      .describe(
        'ACM certificate (in this region) for an HTTPS listener; CloudFront then connects to the ALB over HTTPS, to edge.originDomainName.',
      ),
    deregistrationDelaySeconds: z
      .number()
      .int()
      .min(0)
      .max(3600)
      .default(30)
      .describe('Seconds a draining task keeps serving in-flight requests.'),
    accessLogs: z.boolean().default(true).describe('Write ALB access logs to the log bucket.'),
  })
  .describe('The internal Application Load Balancer.');
