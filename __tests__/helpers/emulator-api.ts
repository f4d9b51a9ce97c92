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
