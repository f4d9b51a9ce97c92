/** The observability domain's constructs and helpers. */
export * from './access-log-bucket';
export * from './alarm-topic';
export * from './service-alarms';
export * from './service-dashboard';
