/** `monitoring`: log retention, alarms (to an SNS topic) and the service dashboard. */
import { z } from 'zod';
import { ALARM_PERCENT_MAX } from '../../constructs/shared/limits';
import { logRetentionDays } from './primitives';

/** A percentage threshold: above 0 (an alarm at 0 % fires on any datapoint) and at most 100. */
const percent = () => z.number().positive().max(ALARM_PERCENT_MAX);

export const monitoringSchema = z
  .strictObject({
    logRetentionDays: logRetentionDays
      .default(90)
      .describe('Retention (days) of every CloudWatch log group of the stack: container logs, VPC flow logs, WAF logs.'),
    alarmSubscriptions: z
      .array(
        z.strictObject({
          protocol: z.enum(['email', 'https', 'sqs', 'lambda']).describe('SNS protocol.'),
          endpoint: z.string().min(3).describe('Address, URL or ARN receiving the alarms.'),
        }),
      )
      .default([])
      .describe('Who receives alarm notifications (SNS subscriptions).'),
    loadBalancer5xxRatePercent: percent().default(1).describe('ALB 5xx rate that alarms (%).'),
    target5xxRatePercent: percent().default(1).describe('Target 5xx rate that alarms (%).'),
    p99ResponseTimeSeconds: z.number().positive().max(300).default(1).describe('p99 target response time that alarms (s).'),
    cpuUtilizationPercent: percent().default(80).describe('Service CPU that alarms (%).'),
    memoryUtilizationPercent: percent().default(80).describe('Service memory that alarms (%).'),
    cloudFront5xxRatePercent: percent().default(5).describe('CloudFront 5xx error rate that alarms (%).'),
  })
  .prefault({})
  .describe('Log retention, alarms (to an SNS topic) and the service dashboard.');
