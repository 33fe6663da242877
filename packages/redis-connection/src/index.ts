export * from './settings';
export * from './connection';
export * from './startup';
export * from './error-log';
