/**
 * Direct calls to the emulator's AWS APIs, as an SDK would make them, for tests that change
 * something behind Terraform's back (a deployment, a rollback, a hand-edited rule). The emulator
 * does not verify signatures, but routes a request by the service and region of its credential
 * scope, so each call carries a placeholder Authorization header for its service.
 */

function authorization(service: string): string {
  return `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;
}

/** A JSON-protocol call (ECS, EventBridge, SQS, Step Functions, ...); throws on an error answer. */
export async function awsJson<T>(
  endpoint: string,
  call: { service: string; target: string; body: object; version?: '1.0' | '1.1' },
): Promise<T> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': `application/x-amz-json-${call.version ?? '1.1'}`,
      'X-Amz-Target': call.target,
      Authorization: authorization(call.service),
    },
    body: JSON.stringify(call.body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${call.target} answered ${res.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** A query-protocol call (EC2, ELBv2); returns the XML answer, throws on an error answer. */
export async function awsQuery(
  endpoint: string,
  call: { service: string; action: string; version: string; params: Record<string, string> },
): Promise<string> {
  const body = new URLSearchParams({ Action: call.action, Version: call.version, ...call.params });
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', Authorization: authorization(call.service) },
    body: body.toString(),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${call.action} answered ${res.status}: ${text.slice(0, 500)}`);
  return text;
}

/** An S3 request (path style); throws on an error answer. */
export async function s3Request(endpoint: string, method: string, path: string): Promise<string> {
  const res = await fetch(`${endpoint}${path}`, { method, headers: { Authorization: authorization('s3') } });
  const text = await res.text();
  if (!res.ok) throw new Error(`S3 ${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return text;
}

/** What ECS reports about a service. */
export interface EcsServiceDescription {
  readonly taskDefinition: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly deployments: readonly { readonly id: string; readonly taskDefinition: string }[];
}

export async function describeEcsService(endpoint: string, cluster: string, service: string): Promise<EcsServiceDescription> {
  const answer = await awsJson<{ services: EcsServiceDescription[] }>(endpoint, {
    service: 'ecs',
    target: 'AmazonEC2ContainerServiceV20141113.DescribeServices',
    body: { cluster, services: [service] },
  });
  if (!answer.services[0]) throw new Error(`ECS service ${cluster}/${service} not found`);
  return answer.services[0];
}

/** UpdateService, as ECS's own deployment machinery or an operator calls it. */
export async function updateEcsService(
  endpoint: string,
  body: { cluster: string; service: string; taskDefinition?: string; desiredCount?: number },
): Promise<void> {
  await awsJson(endpoint, { service: 'ecs', target: 'AmazonEC2ContainerServiceV20141113.UpdateService', body });
}

/** An event as PutEvents takes it; `detail.sample` names it in the result of {@link eventsMatchedBy}. */
export interface SampleEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: { readonly sample: string } & Record<string, unknown>;
}

/**
 * The samples (their `detail.sample`) that the emulator's EventBridge matches with `pattern`: a probe
 * rule with the pattern on a bus of its own delivers them to a queue. (The emulator cannot start a
 * state machine from a rule, so the deployed rule itself is not fed.)
 */
export async function eventsMatchedBy(endpoint: string, pattern: string, samples: readonly SampleEvent[]): Promise<string[]> {
  const events = (action: string, body: object) => awsJson(endpoint, { service: 'events', target: `AWSEvents.${action}`, body });
  const sqs = <T>(action: string, body: object) =>
    awsJson<T>(endpoint, { service: 'sqs', target: `AmazonSQS.${action}`, body, version: '1.0' });
  const bus = `probe-${Date.now()}`;
  await events('CreateEventBus', { Name: bus });
  const { QueueUrl } = await sqs<{ QueueUrl: string }>('CreateQueue', { QueueName: bus });
  const { Attributes } = await sqs<{ Attributes: { QueueArn: string } }>('GetQueueAttributes', { QueueUrl, AttributeNames: ['QueueArn'] });
  await events('PutRule', { Name: bus, EventBusName: bus, EventPattern: pattern });
  await events('PutTargets', { Rule: bus, EventBusName: bus, Targets: [{ Id: 'queue', Arn: Attributes.QueueArn }] });
  await events('PutEvents', {
    Entries: samples.map((s) => ({ Source: s.source, DetailType: s.detailType, Detail: JSON.stringify(s.detail), EventBusName: bus })),
  });
  const { Messages = [] } = await sqs<{ Messages?: { Body: string }[] }>('ReceiveMessage', { QueueUrl, MaxNumberOfMessages: 10 });
  return Messages.map((m) => (JSON.parse(m.Body) as { detail: { sample: string } }).detail.sample).sort();
}

/** ModifySecurityGroupRules: the same ingress rule (protocol, referenced group) on another port. */
export async function modifyIngressRulePort(endpoint: string, rule: Record<string, unknown>, port: number): Promise<void> {
  const prefix = 'SecurityGroupRule.1.';
  await awsQuery(endpoint, {
    service: 'ec2',
    action: 'ModifySecurityGroupRules',
    version: '2016-11-15',
    params: {
      GroupId: String(rule.security_group_id),
      [`${prefix}SecurityGroupRuleId`]: String(rule.security_group_rule_id),
      [`${prefix}SecurityGroupRule.IpProtocol`]: 'tcp',
      [`${prefix}SecurityGroupRule.FromPort`]: String(port),
      [`${prefix}SecurityGroupRule.ToPort`]: String(port),
      // The emulator reads a referenced group back as `<account>/sg-…`.
      [`${prefix}SecurityGroupRule.ReferencedGroupId`]: String(rule.referenced_security_group_id).split('/').pop()!,
    },
  });
}

/** ModifyTargetGroup: another health-check path. */
export async function modifyHealthCheckPath(endpoint: string, targetGroupArn: string, path: string): Promise<void> {
  await awsQuery(endpoint, {
    service: 'elasticloadbalancing',
    action: 'ModifyTargetGroup',
    version: '2015-12-01',
    params: { TargetGroupArn: targetGroupArn, HealthCheckPath: path },
  });
}
