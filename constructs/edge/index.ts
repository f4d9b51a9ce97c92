/** The edge domain's constructs and helpers. */
export * from './edge-distribution';
export * from './edge-firewall';
export * from './origin-verification';
export * from './vpc-origin';
