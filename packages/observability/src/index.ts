export * from './logger';
export * from './secrets';
