/**
 * The pack's rules, in a stable order (network, containers, IAM, registry, edge, load balancer,
 * logs and keys, buckets, VPC). Adding a rule: one file under this folder exporting one
 * {@link GuardrailRule}, listed here, with a compliant and a non-compliant test.
 */
import type { GuardrailRule } from '../rule';
import { albAccessLogs } from './alb-access-logs';
import { albDeletionProtection } from './alb-deletion-protection';
import { albDesyncMitigation } from './alb-desync-mitigation';
import { albDropInvalidHeaders } from './alb-drop-invalid-headers';
import { albIngressFromCloudFrontOnly } from './alb-ingress-from-cloudfront-only';
import { albIngressListenerPortsOnly } from './alb-ingress-listener-ports-only';
import { cloudFrontHttpsOnly } from './cloudfront-https-only';
import { cloudFrontLogging } from './cloudfront-logging';
import { cloudFrontOriginHttps } from './cloudfront-origin-https';
import { cloudFrontSecurityHeaders } from './cloudfront-security-headers';
import { cloudFrontTlsMinimum } from './cloudfront-tls-minimum';
import { cloudFrontVpcOriginReplaced } from './cloudfront-vpc-origin-replaced';
import { cloudFrontWaf } from './cloudfront-waf';
import { containerLogging } from './container-logging';
import { containerNoPlainSecrets } from './container-no-plain-secrets';
import { containerNonRootUser } from './container-non-root-user';
import { containerNotPrivileged } from './container-not-privileged';
import { containerReadOnlyRoot } from './container-read-only-root';
import { ecrImmutableTags } from './ecr-immutable-tags';
import { ecrLifecyclePolicy } from './ecr-lifecycle-policy';
import { ecrScanOnPush } from './ecr-scan-on-push';
import { ecsRoleTrust } from './ecs-role-trust';
import { endpointIngressHttpsFromVpc } from './endpoint-ingress-https-from-vpc';
import { iamNoPassRoleOnAll } from './iam-no-pass-role-on-all';
import { iamNoServiceWildcardOnAll } from './iam-no-service-wildcard-on-all';
import { iamNoStarAction } from './iam-no-star-action';
import { iamStarResourceAllowList } from './iam-star-resource-allow-list';
import { kmsDecryptViaService } from './kms-decrypt-via-service';
import { kmsKeyRotation } from './kms-key-rotation';
import { logGroupKms } from './log-group-kms';
import { logGroupRetention } from './log-group-retention';
import { logGroupsCreatedFirst } from './log-groups-created-first';
import { noOpenIngress } from './no-open-ingress';
import { noPublicIp } from './no-public-ip';
import { rdsEngineVersionMajor } from './rds-engine-version-major';
import { s3Encryption } from './s3-encryption';
import { s3PublicAccessBlock } from './s3-public-access-block';
import { s3TlsOnly } from './s3-tls-only';
import { s3Versioning } from './s3-versioning';
import { secretCustomerManagedKey } from './secret-customer-managed-key';
import { securityGroupRuleQuota } from './security-group-rule-quota';
import { taskIngressFromLoadBalancerOnly } from './task-ingress-from-load-balancer-only';
import { taskRolesSeparated } from './task-roles-separated';
import { vpcDefaultSecurityGroup } from './vpc-default-security-group';
import { vpcFlowLogs } from './vpc-flow-logs';
import { wafLogRedaction } from './waf-log-redaction';

/** Every rule of the pack, in a stable order. */
export const ALL_RULES: readonly GuardrailRule[] = Object.freeze([
  noOpenIngress,
  albIngressFromCloudFrontOnly,
  albIngressListenerPortsOnly,
  taskIngressFromLoadBalancerOnly,
  endpointIngressHttpsFromVpc,
  securityGroupRuleQuota,
  noPublicIp,
  containerReadOnlyRoot,
  containerNonRootUser,
  containerNotPrivileged,
  containerLogging,
  containerNoPlainSecrets,
  taskRolesSeparated,
  iamNoStarAction,
  iamNoServiceWildcardOnAll,
  iamNoPassRoleOnAll,
  iamStarResourceAllowList,
  ecsRoleTrust,
  ecrScanOnPush,
  ecrImmutableTags,
  ecrLifecyclePolicy,
  cloudFrontHttpsOnly,
  cloudFrontWaf,
  wafLogRedaction,
  cloudFrontLogging,
  cloudFrontSecurityHeaders,
  cloudFrontTlsMinimum,
  cloudFrontOriginHttps,
  cloudFrontVpcOriginReplaced,
  albDropInvalidHeaders,
  albAccessLogs,
  albDeletionProtection,
  albDesyncMitigation,
  logGroupRetention,
  logGroupKms,
  logGroupsCreatedFirst,
  kmsKeyRotation,
  kmsDecryptViaService,
  secretCustomerManagedKey,
  rdsEngineVersionMajor,
  s3Versioning,
  s3Encryption,
  s3PublicAccessBlock,
  s3TlsOnly,
  vpcFlowLogs,
  vpcDefaultSecurityGroup,
]);

/** The rule with `id`, if the pack has one. */
export function ruleById(id: string): GuardrailRule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
