/**
 * Names the stack would create that the account already holds (an apply would fail on them, or, for
 * a secret scheduled for deletion, on its name): read from the synthesized stack, so every new
 * resource is covered as the stack grows, without a list to keep up to date.
 */
import { ListOriginRequestPoliciesCommand, ListResponseHeadersPoliciesCommand } from '@aws-sdk/client-cloudfront';
import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { paginateListAliases } from '@aws-sdk/client-kms';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { paginateListTopics } from '@aws-sdk/client-sns';
import { ListWebACLsCommand } from '@aws-sdk/client-wafv2';
import { errorName, orNotFound, type AwsClients } from './aws';
import { logGroup, type Row } from './discover';

/** The synthesized Terraform JSON of a stack (the parts read here). */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly import?: readonly { readonly to: string }[];
}

type Check = (c: AwsClients, name: string, config: Record<string, unknown>) => Promise<boolean | 'scheduled-for-deletion'>;

const isLiteral = (v: unknown): v is string => typeof v === 'string' && v !== '' && !v.includes('${');

/** Per resource type: the attribute holding its name, and whether the account holds that name. */
const CHECKS: Readonly<Record<string, { readonly attribute: string; readonly what: string; readonly check: Check }>> = {
  aws_cloudwatch_log_group: { attribute: 'name', what: 'log group', check: async (c, n) => (await logGroup(c, n)) !== undefined },
  aws_iam_role: {
    attribute: 'name',
    what: 'IAM role',
    check: async (c, n) =>
      (await orNotFound(() => c.iam.send(new GetRoleCommand({ RoleName: n })), ['NoSuchEntityException'])) !== undefined,
  },
  aws_secretsmanager_secret: {
    attribute: 'name',
    what: 'secret',
    check: async (c, n) => {
      const s = await orNotFound(() => c.secrets.send(new DescribeSecretCommand({ SecretId: n })), ['ResourceNotFoundException']);
      return s === undefined ? false : s.DeletedDate ? 'scheduled-for-deletion' : true;
    },
  },
  aws_sns_topic: {
    attribute: 'name',
    what: 'SNS topic',
    check: async (c, n) => {
      for await (const page of paginateListTopics({ client: c.sns }, {})) {
        if ((page.Topics ?? []).some((t) => t.TopicArn?.endsWith(`:${n}`))) return true;
      }
      return false;
    },
  },
  aws_kms_alias: {
    attribute: 'name',
    what: 'KMS alias',
    check: async (c, n) => {
      for await (const page of paginateListAliases({ client: c.kms }, {})) {
        if ((page.Aliases ?? []).some((a) => a.AliasName === n)) return true;
      }
      return false;
    },
  },
  aws_security_group: {
    attribute: 'name',
    what: 'security group',
    check: async (c, n, config) => {
      const filters = [
        { Name: 'group-name', Values: [n] },
        ...(isLiteral(config.vpc_id) ? [{ Name: 'vpc-id', Values: [config.vpc_id] }] : []),
      ];
      return ((await c.ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters }))).SecurityGroups ?? []).length > 0;
    },
  },
  aws_s3_bucket: {
    attribute: 'bucket',
    what: 'S3 bucket',
    check: async (c, n) => {
      try {
        await c.s3.send(new HeadBucketCommand({ Bucket: n }));
        return true;
      } catch (err) {
        // 404: free. 403: the name belongs to another account (bucket names are global).
        return !['NotFound', 'NoSuchBucket'].includes(errorName(err) ?? '');
      }
    },
  },
  aws_wafv2_web_acl: {
    attribute: 'name',
    what: 'WAF web ACL',
    check: async (c, n, config) => {
      const scope = config.scope === 'REGIONAL' ? 'REGIONAL' : 'CLOUDFRONT';
      return ((await c.wafv2.send(new ListWebACLsCommand({ Scope: scope }))).WebACLs ?? []).some((a) => a.Name === n);
    },
  },
  aws_cloudfront_origin_request_policy: {
    attribute: 'name',
    what: 'CloudFront origin request policy',
    check: async (c, n) =>
      ((await c.cloudfront.send(new ListOriginRequestPoliciesCommand({ Type: 'custom' }))).OriginRequestPolicyList?.Items ?? []).some(
        (p) => p.OriginRequestPolicy?.OriginRequestPolicyConfig?.Name === n,
      ),
  },
  aws_cloudfront_response_headers_policy: {
    attribute: 'name',
    what: 'CloudFront response headers policy',
    check: async (c, n) =>
      ((await c.cloudfront.send(new ListResponseHeadersPoliciesCommand({ Type: 'custom' }))).ResponseHeadersPolicyList?.Items ?? []).some(
        (p) => p.ResponseHeadersPolicy?.ResponseHeadersPolicyConfig?.Name === n,
      ),
  },
};

/** How to resolve a name the account already holds; some names have a setting made for them. */
export function collisionFix(type: string, name: string): string {
  if (type === 'aws_cloudwatch_log_group' && name.startsWith('/aws/ecs/containerinsights/')) {
    return 'exists (Container Insights created it for the running cluster), and the stack would create it: set service.createContainerInsightsLogGroup to false, or delete it (its metrics logs go with it)';
  }
  if (type === 'aws_cloudwatch_log_group' && name.startsWith('/aws/rds/instance/')) {
    return 'exists (RDS created it for a database of that name), and the stack would create it: delete it, or rename the database';
  }
  return 'exists, and the stack would create it: rename it in the environment file, or remove the existing one';
}

/** A row per created name the account already holds, and per check the API could not answer. */
export async function findCollisions(stack: StackJson, c: AwsClients): Promise<Row[]> {
  const imported = new Set((stack.import ?? []).map((i) => i.to));
  const rows: Row[] = [];
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    const spec = CHECKS[type];
    if (!spec) continue;
    for (const [logicalId, config] of Object.entries(byName)) {
      const name = config[spec.attribute];
      if (imported.has(`${type}.${logicalId}`) || !isLiteral(name)) continue;
      try {
        const taken = await spec.check(c, name, config);
        if (taken === 'scheduled-for-deletion') {
          rows.push({
            resource: `${spec.what} ${name}`,
            status: 'conflict',
            detail: 'scheduled for deletion: restore it, or wait until it is gone',
          });
        } else if (taken) {
          rows.push({
            resource: `${spec.what} ${name}`,
            status: 'conflict',
            detail: collisionFix(type, name),
          });
        }
      } catch (err) {
        rows.push({
          resource: `${spec.what} ${name}`,
          status: 'not checked',
          detail: `the API did not answer (${errorName(err) ?? String(err)})`,
        });
      }
    }
  }
  return rows;
}
