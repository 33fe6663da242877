/** `postgres://postgres@127.0.0.1:<port>/postgres`: the DATABASE_URL the apps get when the launcher runs the embedded PostgreSQL. */
export function embeddedDatabaseUrl(port: number): string {
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}
