export * from './ops-keys';
export * from './redis-histogram';
export * from './recent-samples';
export * from './stored-json';
export * from './buffered-redis-metrics';
