/** The service domain's constructs and helpers. */
export * from './container-registry';
export * from './ecs-exec';
export * from './fargate-service';
export * from './image-tag';
export * from './load-balancer';
export * from './release-verification';
export * from './secret-change-events';
export * from './secret-change-restart';
export * from './service-log-group';
export * from './service-roles';
export * from './service-scaling';
