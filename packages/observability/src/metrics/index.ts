export * from './ops-keys';
export * from './redis-histogram';
export * from './recent-samples';
export * from './stored-json';
