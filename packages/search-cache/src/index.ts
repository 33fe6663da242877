export * from './search-cache-keys';
export * from './cache-entry';
export * from './cache-budget';
export * from './search-cache-settings';
export * from './search-cache-store';
export * from './shed-search-cache';
