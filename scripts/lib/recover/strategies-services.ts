/**
 * Recovery lookups outside the network, by name (the "already exists" dead ends), by description
 * (keys), or by parent (the service, listeners and rules); puts an apply repeats are upserts.
 */
import {
  GetDistributionConfigCommand,
  ListDistributionsCommand,
  ListOriginRequestPoliciesCommand,
  ListResponseHeadersPoliciesCommand,
  ListVpcOriginsCommand,
} from '@aws-sdk/client-cloudfront';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { DescribeClustersCommand, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { DescribeKeyCommand, paginateListAliases, paginateListKeys } from '@aws-sdk/client-kms';
import { DescribeDBInstancesCommand, DescribeDBParameterGroupsCommand, DescribeDBSubnetGroupsCommand } from '@aws-sdk/client-rds';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { paginateListStateMachines } from '@aws-sdk/client-sfn';
import { paginateListTopics } from '@aws-sdk/client-sns';
import { ListWebACLsCommand } from '@aws-sdk/client-wafv2';
import { orNotFound } from '../adopt/aws';
import { logGroup } from '../adopt/discover';
import { S3_SETTING, byName, first, found, literal, upsert, type Found, type Strategy } from './strategy';

/** Everything else: keys, logs, roles, secrets, storage, the service, the load balancer, the edge. */
export const SERVICE_STRATEGIES: Readonly<Record<string, Strategy>> = {
  // Keys: a key has no name; its description (unique per environment) identifies it.
  aws_kms_key: {
    kind: 'find',
    by: 'description',
    find: async (ctx, config) => {
      const description = literal(config.description);
      if (description === undefined) return 'unresolved';
      const keys: Found[] = [];
      for await (const page of paginateListKeys({ client: ctx.c.kms }, {})) {
        for (const k of page.Keys ?? []) {
          const meta = (await ctx.c.kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata;
          if (meta?.Description === description && meta.KeyManager !== 'AWS' && meta.KeyState !== 'PendingDeletion') {
            keys.push(...found(meta.KeyId, { arn: meta.Arn, key_id: meta.KeyId }));
          }
        }
      }
      return keys;
    },
  },
  aws_kms_alias: byName('name', async (c, name) => {
    for await (const page of paginateListAliases({ client: c.kms }, {})) {
      const alias = (page.Aliases ?? []).find((a) => a.AliasName === name);
      if (alias) return found(name, { arn: alias.AliasArn });
    }
    return [];
  }),

  // Named: a second create is refused, so these are the "already exists" dead ends.
  aws_cloudwatch_log_group: byName('name', async (c, name) => {
    const group = await logGroup(c, name);
    return group ? found(name, { arn: String(group.evidence.arn).replace(/:\*$/, ''), name }) : [];
  }),
  aws_iam_role: byName('name', async (c, name) => {
    const out = await orNotFound(() => c.iam.send(new GetRoleCommand({ RoleName: name })), ['NoSuchEntityException']);
    return out?.Role ? found(name, { arn: out.Role.Arn, name }) : [];
  }),
  aws_iam_role_policy: upsert('a put on the role: the next apply writes it again'),
  aws_secretsmanager_secret: byName('name', async (c, name) => {
    const out = await orNotFound(() => c.secrets.send(new DescribeSecretCommand({ SecretId: name })), ['ResourceNotFoundException']);
    return out?.ARN ? found(out.ARN, { arn: out.ARN }) : [];
  }),
  aws_secretsmanager_secret_version: upsert('stores the value again as the current version of the secret'),
  aws_sns_topic: byName('name', async (c, name) => {
    for await (const page of paginateListTopics({ client: c.sns }, {})) {
      const topic = (page.Topics ?? []).find((t) => t.TopicArn?.endsWith(`:${name}`));
      if (topic?.TopicArn) return found(topic.TopicArn, { arn: topic.TopicArn });
    }
    return [];
  }),
  aws_sns_topic_subscription: upsert('subscribing the same endpoint again returns the existing subscription'),
  aws_s3_bucket: byName('bucket', async (c, name) => {
    const head = await orNotFound(() => c.s3.send(new HeadBucketCommand({ Bucket: name })), ['NotFound', 'NoSuchBucket']);
    return head ? found(name, { arn: `arn:aws:s3:::${name}`, bucket: name }) : [];
  }),
  aws_s3_bucket_versioning: S3_SETTING,
  aws_s3_bucket_server_side_encryption_configuration: S3_SETTING,
  aws_s3_bucket_public_access_block: S3_SETTING,
  aws_s3_bucket_ownership_controls: S3_SETTING,
  aws_s3_bucket_lifecycle_configuration: S3_SETTING,
  aws_s3_bucket_policy: S3_SETTING,
  aws_dynamodb_table: byName('name', async (c, name) => {
    const out = await orNotFound(() => c.dynamodb.send(new DescribeTableCommand({ TableName: name })), ['ResourceNotFoundException']);
    return out?.Table ? found(name, { arn: out.Table.TableArn, name }) : [];
  }),
  aws_ecr_repository: byName('name', async (c, name) => {
    const out = await orNotFound(
      () => c.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] })),
      ['RepositoryNotFoundException'],
    );
    const repo = out?.repositories?.[0];
    return repo ? found(name, { arn: repo.repositoryArn, repository_url: repo.repositoryUri, name }) : [];
  }),
  aws_ecr_lifecycle_policy: upsert('a put on the repository: the next apply writes it again'),
  aws_ecs_cluster: byName('name', async (c, name) => {
    const out = await c.ecs.send(new DescribeClustersCommand({ clusters: [name] }));
    const cluster = (out.clusters ?? []).find((x) => x.status === 'ACTIVE');
    return cluster ? found(name, { arn: cluster.clusterArn, name }) : [];
  }),
  aws_ecs_service: {
    kind: 'find',
    by: 'its cluster and name',
    find: async (ctx, config) => {
      const cluster = ctx.resolve(config.cluster);
      const name = literal(config.name);
      if (cluster === undefined || name === undefined) return 'unresolved';
      const out = await ctx.c.ecs.send(new DescribeServicesCommand({ cluster, services: [name] }));
      const service = (out.services ?? []).find((s) => s.status === 'ACTIVE');
      const clusterName = cluster.split('/').pop();
      return service ? found(`${clusterName}/${name}`, { name, arn: service.serviceArn }) : [];
    },
  },
  aws_ecs_cluster_capacity_providers: upsert('a put on the cluster: the next apply writes it again'),
  aws_ecs_task_definition: upsert('registers another revision of the family; the unrecorded one stays registered, unused'),
  aws_appautoscaling_target: upsert('registering the scalable target again updates it'),
  aws_appautoscaling_policy: upsert('a put on the scalable target: the next apply writes it again'),
  aws_lb: byName('name', async (c, name) => {
    const out = await orNotFound(
      () => c.elbv2.send(new DescribeLoadBalancersCommand({ Names: [name] })),
      ['LoadBalancerNotFoundException'],
    );
    const lb = out?.LoadBalancers?.[0];
    return lb?.LoadBalancerArn ? found(lb.LoadBalancerArn, { arn: lb.LoadBalancerArn, dns_name: lb.DNSName }) : [];
  }),
  aws_lb_target_group: byName('name', async (c, name) => {
    const out = await orNotFound(() => c.elbv2.send(new DescribeTargetGroupsCommand({ Names: [name] })), ['TargetGroupNotFoundException']);
    const tg = out?.TargetGroups?.[0];
    return tg?.TargetGroupArn ? found(tg.TargetGroupArn, { arn: tg.TargetGroupArn, arn_suffix: tg.TargetGroupArn.split(':').pop() }) : [];
  }),
  aws_lb_listener: {
    kind: 'find',
    by: 'its load balancer and port',
    find: async (ctx, config) => {
      const lb = ctx.resolve(config.load_balancer_arn);
      if (lb === undefined) return 'unresolved';
      const out = await ctx.c.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb }));
      return (out.Listeners ?? [])
        .filter((l) => l.Port === Number(config.port))
        .flatMap((l) => found(l.ListenerArn, { arn: l.ListenerArn }));
    },
  },
  aws_lb_listener_rule: {
    kind: 'find',
    by: 'its listener and priority',
    find: async (ctx, config) => {
      const listener = ctx.resolve(config.listener_arn);
      if (listener === undefined) return 'unresolved';
      const out = await ctx.c.elbv2.send(new DescribeRulesCommand({ ListenerArn: listener }));
      return (out.Rules ?? []).filter((r) => r.Priority === String(config.priority)).flatMap((r) => found(r.RuleArn, { arn: r.RuleArn }));
    },
  },
  aws_cloudwatch_event_rule: upsert('a put by rule name: the next apply writes it again'),
  aws_cloudwatch_event_target: upsert('a put on the rule by target ID: the next apply writes it again'),
  aws_sfn_state_machine: byName('name', async (c, name) => {
    for await (const page of paginateListStateMachines({ client: c.sfn }, {})) {
      const machine = (page.stateMachines ?? []).find((m) => m.name === name);
      if (machine?.stateMachineArn) return found(machine.stateMachineArn, { arn: machine.stateMachineArn });
    }
    return [];
  }),
  aws_cloudwatch_metric_alarm: upsert('a put by alarm name: the next apply writes it again'),
  aws_cloudwatch_dashboard: upsert('a put by dashboard name: the next apply writes it again'),
  aws_wafv2_web_acl: byName('name', async (c, name, config) => {
    const scope = config.scope === 'REGIONAL' ? 'REGIONAL' : 'CLOUDFRONT';
    const acl = ((await c.wafv2.send(new ListWebACLsCommand({ Scope: scope }))).WebACLs ?? []).find((a) => a.Name === name);
    return acl?.Id ? found(`${acl.Id}/${name}/${scope}`, { arn: acl.ARN, id: acl.Id }) : [];
  }),
  aws_wafv2_web_acl_logging_configuration: upsert('a put on the web ACL: the next apply writes it again'),
  aws_cloudfront_distribution: byName('comment', async (c, comment) => {
    const list = (await c.cloudfront.send(new ListDistributionsCommand({}))).DistributionList?.Items ?? [];
    const matching: Found[] = [];
    for (const d of list) {
      // The summary carries the comment on AWS; the emulator's does not, its configuration does.
      const actual = d.Comment ?? (await c.cloudfront.send(new GetDistributionConfigCommand({ Id: d.Id }))).DistributionConfig?.Comment;
      if (actual === comment) matching.push(...found(d.Id, { arn: d.ARN, domain_name: d.DomainName, hosted_zone_id: 'Z2FDTNDATAQYW2' }));
    }
    return matching;
  }),
  aws_cloudfront_vpc_origin: {
    kind: 'find',
    by: 'name',
    find: async (ctx, config) => {
      const name = literal(first(config.vpc_origin_endpoint_config).name);
      if (name === undefined) return 'unresolved';
      const items = (await ctx.c.cloudfront.send(new ListVpcOriginsCommand({}))).VpcOriginList?.Items ?? [];
      return items.filter((o) => o.Name === name).flatMap((o) => found(o.Id, { arn: o.Arn }));
    },
  },
  aws_cloudfront_origin_request_policy: byName('name', async (c, name) => {
    const items = (await c.cloudfront.send(new ListOriginRequestPoliciesCommand({ Type: 'custom' }))).OriginRequestPolicyList?.Items ?? [];
    return items
      .filter((p) => p.OriginRequestPolicy?.OriginRequestPolicyConfig?.Name === name)
      .flatMap((p) => found(p.OriginRequestPolicy?.Id));
  }),
  aws_cloudfront_response_headers_policy: byName('name', async (c, name) => {
    const items =
      (await c.cloudfront.send(new ListResponseHeadersPoliciesCommand({ Type: 'custom' }))).ResponseHeadersPolicyList?.Items ?? [];
    return items
      .filter((p) => p.ResponseHeadersPolicy?.ResponseHeadersPolicyConfig?.Name === name)
      .flatMap((p) => found(p.ResponseHeadersPolicy?.Id));
  }),
  aws_db_instance: byName('identifier', async (c, name) => {
    const out = await orNotFound(
      () => c.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: name })),
      ['DBInstanceNotFoundFault'],
    );
    const db = out?.DBInstances?.[0];
    return db ? found(name, { arn: db.DBInstanceArn, identifier: name }) : [];
  }),
  aws_db_subnet_group: byName('name', async (c, name) => {
    const out = await orNotFound(
      () => c.rds.send(new DescribeDBSubnetGroupsCommand({ DBSubnetGroupName: name })),
      ['DBSubnetGroupNotFoundFault'],
    );
    return out?.DBSubnetGroups?.[0] ? found(name, { arn: out.DBSubnetGroups[0].DBSubnetGroupArn, name }) : [];
  }),
  aws_db_parameter_group: byName('name', async (c, name) => {
    const out = await orNotFound(
      () => c.rds.send(new DescribeDBParameterGroupsCommand({ DBParameterGroupName: name })),
      ['DBParameterGroupNotFound', 'DBParameterGroupNotFoundFault'],
    );
    return out?.DBParameterGroups?.[0] ? found(name, { arn: out.DBParameterGroups[0].DBParameterGroupArn, name }) : [];
  }),
  aws_elasticache_replication_group: {
    kind: 'manual',
    how: 'aws elasticache describe-replication-groups --replication-group-id <replication_group_id>; the import ID is the replication group ID',
  },
  aws_elasticache_subnet_group: {
    kind: 'manual',
    how: 'aws elasticache describe-cache-subnet-groups --cache-subnet-group-name <name>; the import ID is the name',
  },
  aws_elasticache_parameter_group: {
    kind: 'manual',
    how: 'aws elasticache describe-cache-parameter-groups --cache-parameter-group-name <name>; the import ID is the name',
  },
  aws_elasticache_user: {
    kind: 'manual',
    how: 'aws elasticache describe-users --user-id <user_id>; the import ID is the user ID',
  },
  aws_elasticache_user_group: {
    kind: 'manual',
    how: 'aws elasticache describe-user-groups --user-group-id <user_group_id>; the import ID is the user group ID',
  },
  terraform_data: { kind: 'local', why: 'held in state only' },
};
