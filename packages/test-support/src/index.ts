export * from './redis-keys';
export * from './wait-until';
export * from './finished-job';
export * from './captured-logger';
export * from './test-database';
export * from './thrown-by';
export * from './intercepted-exit';
export * from './use-started';
