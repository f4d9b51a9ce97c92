/** The network domain's constructs and helpers. */
export * from './network';
export * from './security-groups';
export * from './vpc-endpoints';
export * from './vpc-flow-log';
