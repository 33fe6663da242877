export * from './redis-servers';
