import { createHash } from 'node:crypto';
import { CloudfrontVpcOrigin } from '@cdktf/provider-aws/lib/cloudfront-vpc-origin';
import { TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';

/** The settings of a VPC origin that CloudFront cannot update while a distribution uses it. */
export interface VpcOriginSettings {
  readonly httpPort: number;
  readonly httpsPort: number;
  readonly originProtocolPolicy: 'http-only' | 'https-only' | 'match-viewer';
  readonly originSslProtocols: readonly string[];
  /** The tags the origin carries (the provider's default tags): a tag change is an update too. */
  readonly tags: Readonly<Record<string, string>>;
}

export interface VpcOriginOptions {
  /** Start of the origin's name; a hash of its settings follows. */
  readonly namePrefix: string;
  /** ARN of the load balancer the origin reaches. */
  readonly loadBalancerArn: string;
  readonly settings: VpcOriginSettings;
}

/** The resources {@link addVpcOrigin} adds. */
export interface VpcOrigin {
  readonly origin: CloudfrontVpcOrigin;
  /** Holds the settings; a change replaces it, and that replaces the origin. */
  readonly settingsRecord: SettingsRecord;
}

/** `<prefix>-<8 hex digits of the settings' SHA-256>`: a new name for every new set of settings. */
export function vpcOriginName(namePrefix: string, settings: VpcOriginSettings): string {
  const canonical = JSON.stringify({
    ...settings,
    originSslProtocols: [...settings.originSslProtocols].sort(),
    tags: Object.fromEntries(Object.entries(settings.tags).sort(([a], [b]) => a.localeCompare(b))),
  });
  return `${namePrefix}-${createHash('sha256').update(canonical).digest('hex').slice(0, 8)}`;
}

/**
 * A CloudFront VPC origin that is replaced, never updated. CloudFront refuses to update a VPC origin
 * a distribution uses (HTTP 409, hashicorp/terraform-provider-aws#40905), and any change of its
 * settings or tags is such an update — switching the ALB to HTTPS, say. So:
 * - its settings live in a `terraform_data` whose `triggers_replace` they are; a change replaces
 *   that record, and `replace_triggered_by` replaces the origin with it;
 * - `create_before_destroy`: the new origin is created first, the distribution is updated in place
 *   to use it, and only then is the old one, no longer in use, deleted; CloudFront never loses its
 *   path to the ALB;
 * - its name ends in a hash of the settings, so the old and the new origin never share a name.
 * Created in `scope` with the IDs `vpc-origin-settings` and `vpc-origin` (a contract).
 */
export function addVpcOrigin(scope: Construct, options: VpcOriginOptions): VpcOrigin {
  const { settings } = options;
  const name = vpcOriginName(options.namePrefix, settings);
  const settingsRecord = new SettingsRecord(scope, 'vpc-origin-settings', {
    name,
    http_port: settings.httpPort,
    https_port: settings.httpsPort,
    origin_protocol_policy: settings.originProtocolPolicy,
    origin_ssl_protocols: [...settings.originSslProtocols],
    tags: { ...settings.tags },
  });
  const origin = new CloudfrontVpcOrigin(scope, 'vpc-origin', {
    vpcOriginEndpointConfig: [
      {
        name,
        arn: options.loadBalancerArn,
        httpPort: settings.httpPort,
        httpsPort: settings.httpsPort,
        originProtocolPolicy: settings.originProtocolPolicy,
        originSslProtocols: [{ items: [...settings.originSslProtocols], quantity: settings.originSslProtocols.length }],
      },
    ],
    // The reference is written as a bare address: cdktf 0.21 renders a construct here as
    // "${terraform_data.x}", which Terraform's JSON syntax rejects in replace_triggered_by.
    lifecycle: {
      createBeforeDestroy: true,
      replaceTriggeredBy: [`${settingsRecord.terraformResourceType}.${settingsRecord.friendlyUniqueId}`],
    },
  });
  return { origin, settingsRecord };
}

/**
 * A `terraform_data` resource holding `triggers_replace`, the JSON cdktf's `DataResource` writes.
 * `DataResource` also adds a validation that runs `terraform version` on every synth (for
 * Terraform ≥ 1.4); every stack's `required_version` (≥ 1.11) already has Terraform refuse older
 * versions itself, so this record spares synth the process.
 */
export class SettingsRecord extends TerraformResource {
  public constructor(
    scope: Construct,
    id: string,
    public readonly triggersReplace: Readonly<Record<string, unknown>>,
  ) {
    super(scope, id, { terraformResourceType: 'terraform_data', terraformGeneratorMetadata: { providerName: 'terraform' } });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { triggers_replace: this.triggersReplace };
  }
}
