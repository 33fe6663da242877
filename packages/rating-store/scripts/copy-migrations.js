// Copies infra/supabase/migrations/*.sql into dist/migrations so the built package carries the
// schema it applies (defaultMigrationsDir() looks there first). Run by `pnpm build` after tsc.
const fs = require('node:fs');
const path = require('node:path');

const source = path.resolve(__dirname, '..', '..', '..', 'infra', 'supabase', 'migrations');
const target = path.resolve(__dirname, '..', 'dist', 'migrations');

fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
const files = fs.readdirSync(source).filter((name) => name.endsWith('.sql'));
for (const name of files) fs.copyFileSync(path.join(source, name), path.join(target, name));
console.log(`copied ${files.length} migrations to dist/migrations`);
