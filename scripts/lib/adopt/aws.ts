/**
 * AWS SDK clients for adopt, recover and the cut-over checks, for the account of the current credentials,
 * or for the API at AWS_ENDPOINT_URL when it is set (the SDK reads it itself).
 */
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { WAFV2Client } from '@aws-sdk/client-wafv2';

export interface AwsClients {
  readonly cloudfront: CloudFrontClient;
  readonly dynamodb: DynamoDBClient;
  readonly ec2: EC2Client;
  readonly ecr: ECRClient;
  readonly ecs: ECSClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly iam: IAMClient;
  readonly kms: KMSClient;
  readonly logs: CloudWatchLogsClient;
  readonly rds: RDSClient;
  readonly s3: S3Client;
  readonly secrets: SecretsManagerClient;
  readonly sfn: SFNClient;
  readonly sns: SNSClient;
  readonly sts: STSClient;
  readonly wafv2: WAFV2Client;
}

/** Clients for `region` (CloudFront and WAF for CloudFront are global, answered in us-east-1). */
export function awsClients(region: string): AwsClients {
  // The SDK warns once per process that later releases need Node 22; the pinned ones do not.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const config = { region, maxAttempts: Number(process.env.AWS_MAX_ATTEMPTS ?? 3) };
  const endpoint = process.env.AWS_ENDPOINT_URL;
  return {
    cloudfront: new CloudFrontClient({ ...config, region: 'us-east-1' }),
    dynamodb: new DynamoDBClient(config),
    ec2: new EC2Client(config),
    ecr: new ECRClient(config),
    ecs: new ECSClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    iam: new IAMClient({ ...config, region: 'us-east-1' }),
    kms: new KMSClient(config),
    logs: new CloudWatchLogsClient(config),
    rds: new RDSClient(config),
    // An emulator on loopback answers path-style requests only.
    s3: new S3Client({ ...config, forcePathStyle: endpoint !== undefined && endpoint !== '' }),
    secrets: new SecretsManagerClient(config),
    sfn: new SFNClient(config),
    sns: new SNSClient(config),
    sts: new STSClient(config),
    wafv2: new WAFV2Client({ ...config, region: 'us-east-1' }),
  };
}

/** The AWS error name of a failed call (`ResourceNotFoundException`, ...), or undefined. */
export function errorName(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'name' in err ? String((err as { name: unknown }).name) : undefined;
}

/** Runs `call`; a "not found" answer (by error name) becomes undefined, anything else is thrown. */
export async function orNotFound<T>(call: () => Promise<T>, notFound: readonly string[]): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    if (notFound.includes(errorName(err) ?? '')) return undefined;
    throw err;
  }
}
