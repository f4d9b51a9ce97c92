import type { EnvironmentConfig } from '../config/schema';
import type { EdgeDistribution } from '../constructs/edge/edge-distribution';
import type { FargateService } from '../constructs/service/fargate-service';
import type { ServiceRoles } from '../constructs/service/service-roles';
import { suppressRule } from '../guardrails';
import { isRootUser } from '../guardrails/rules/container-non-root-user';

/** The constructs the delivery layer's deliberate exceptions attach to. */
export interface ExceptionAnchors {
  readonly edge: EdgeDistribution;
  readonly service: FargateService;
  readonly roles: ServiceRoles;
}

/**
 * The deliberate exceptions to the guardrails in the delivery layer, each with its reason. They
 * are listed in docs/guardrails.md, generated from the code.
 */
export function suppressDeliveryExceptions(env: EnvironmentConfig, anchors: ExceptionAnchors): void {
  if (env.loadBalancer.certificateArn === undefined) {
    // The protocol is set on the VPC origin, or on the distribution's custom origin without one.
    suppressRule(
      anchors.edge.vpcOrigin ?? anchors.edge.distribution,
      'FIN-CF6',
      "HTTP to the internal ALB, as the architecture specifies: the hop runs on AWS's network from CloudFront into the VPC through the VPC origin, never on the internet; set loadBalancer.certificateArn to encrypt it too",
    );
  }
  const keptTaskGroup = env.existing.securityGroups.tasks;
  if (keptTaskGroup) {
    suppressRule(
      anchors.service.service,
      'FIN-SG3',
      `The running system's task group ${keptTaskGroup} stays attached during the take-over, so the data stores that admit it keep admitting the tasks; remove it from existing.securityGroups.tasks (and retire it) once they admit the managed task group`,
    );
  }
  if (env.service.kmsDecryptViaServices.includes('kms')) {
    suppressRule(
      anchors.roles.taskRolePolicy,
      'FIN-KMS2',
      "service.kmsDecryptViaServices lists kms: the application calls kms:Decrypt itself with the data tier's key, a call no kms:ViaService condition can describe; remove kms from the list when it no longer does",
    );
  }
  if (!env.service.createContainerInsightsLogGroup) {
    suppressRule(
      anchors.service.cluster,
      'FIN-LOG3',
      `service.createContainerInsightsLogGroup is false: /aws/ecs/containerinsights/${env.service.clusterName}/performance exists in the account already (Container Insights created it for the existing cluster) and is managed outside this stack, or adopted into it`,
    );
  }
  const { containerUser, containerUserReason, readonlyRootFilesystemReason } = env.service;
  if (isRootUser(containerUser) && containerUserReason !== undefined) {
    suppressRule(anchors.service.taskDefinition, 'FIN-ECS2', `service.containerUser is "${containerUser}" (root): ${containerUserReason}`);
  }
  if (!env.service.readonlyRootFilesystem && !env.service.ecsExec && readonlyRootFilesystemReason !== undefined) {
    suppressRule(anchors.service.taskDefinition, 'FIN-ECS1', `service.readonlyRootFilesystem is false: ${readonlyRootFilesystemReason}`);
  }
  if (env.service.ecsExec) {
    suppressRule(
      anchors.service.taskDefinition,
      'FIN-ECS1',
      'ECS Exec is on (service.ecsExec): its agent writes inside the container, so the root filesystem cannot be read-only; exec is forbidden in production-like environments by the schema',
    );
  }
}
