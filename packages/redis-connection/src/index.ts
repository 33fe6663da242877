export * from './redis-config.schema';
export * from './connection';
export * from './startup';
export * from './error-log';
export * from './bounded-call';
export * from './out-of-memory';
