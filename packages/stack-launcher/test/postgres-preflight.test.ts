import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { closedDirectoryMessage, closedDirectoryOnTheWay, portTaken, portTakenMessage } from '../src/postgres-preflight';

describe('before the embedded PostgreSQL starts', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sees a port another server holds on 127.0.0.1, and names the port and EMBEDDED_PG_PORT', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    expect(await portTaken(port)).toBe(true);
    await new Promise((resolve) => holder.close(resolve));
    expect(await portTaken(port)).toBe(false);
    expect(portTakenMessage(port)).toMatch(new RegExp(`^the embedded PostgreSQL's port 127\\.0\\.0\\.1:${port} is in use .*set EMBEDDED_PG_PORT to a free port`));
  });

  it('finds the first directory others cannot enter on the way to the programs or the data (a mktemp -d folder: 700)', () => {
    const closed = fs.mkdtempSync(path.join(os.tmpdir(), 'albumboard-preflight-'));
    dirs.push(closed);
    const data = path.join(closed, 'checkout', '.data', 'postgres'); // not created yet: PostgreSQL makes it
    expect(closedDirectoryOnTheWay(['/usr/bin/env', data])).toEqual({ dir: closed, mode: '700' });
    expect(closedDirectoryMessage({ dir: closed, mode: '700' })).toMatch(/^as root the embedded PostgreSQL runs as the `postgres` user, who cannot enter .* \(mode 700\).*DATABASE_URL/);
    fs.chmodSync(closed, 0o711);
    expect(closedDirectoryOnTheWay(['/usr/bin/env', data])).toBeUndefined();
    // The data directory itself is PostgreSQL's, at mode 700 once it exists: a second start must not stop on it.
    fs.mkdirSync(path.dirname(data), { recursive: true, mode: 0o755 });
    fs.mkdirSync(data, { mode: 0o700 });
    expect(closedDirectoryOnTheWay(['/usr/bin/env', data])).toBeUndefined();
  });
});
