export { startEmbeddedPostgres, EMBEDDED_PG_DEFAULT_PORT } from './embedded-postgres';
export type { EmbeddedPostgres, EmbeddedPostgresOptions } from './embedded-postgres';
export { PgliteWireServer } from './pglite-wire.server';
export type { PgliteWireServerOptions } from './pglite-wire.server';
export { PgliteSessionScheduler } from './pglite-session.scheduler';
export { loadEmbeddedPostgresConfig, findRepoRoot } from './embedded-postgres.config';
