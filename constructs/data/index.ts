/** The data domain's constructs and helpers. */
export * from './api-key-secret';
export * from './data-services';
export * from './data-store-access';
export * from './database';
export * from './endpoints';
export * from './redis-cache';
export * from './referenced-data-services';
export * from './sessions-table';
