import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { RatingStoreMigrationError } from '../rating-store.errors';

/** One file of infra/supabase/migrations (Supabase CLI layout: `<14-digit timestamp>_<name>.sql`). */
export interface MigrationFile {
  version: string;
  name: string;
  sql: string;
  /** sha256 of the file with line endings normalised to \n. */
  checksum: string;
}

const FILE_NAME = /^(\d{14})_([a-z0-9_]+)\.sql$/;

/** All migrations of `dir`, sorted by version. Any other `.sql` file name is an error. */
export async function loadMigrationFiles(dir: string): Promise<MigrationFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new RatingStoreMigrationError(`migrations directory not readable: ${dir}`);
  }
  const files: MigrationFile[] = [];
  for (const fileName of names.filter((n) => n.endsWith('.sql')).sort()) {
    const match = FILE_NAME.exec(fileName);
    if (!match) throw new RatingStoreMigrationError(`migration file name not <timestamp>_<name>.sql: ${fileName}`);
    const sql = (await readFile(path.join(dir, fileName), 'utf8')).replace(/\r\n/g, '\n');
    const checksum = createHash('sha256').update(sql).digest('hex');
    files.push({ version: match[1], name: match[2], sql, checksum });
  }
  const versions = new Set(files.map((f) => f.version));
  if (versions.size !== files.length) throw new RatingStoreMigrationError(`two migrations share a version in ${dir}`);
  if (files.length === 0) throw new RatingStoreMigrationError(`no migrations found in ${dir}`);
  return files;
}
