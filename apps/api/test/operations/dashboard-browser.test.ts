import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../../src/app';
import type { ApiConfig } from '../../src/config';
import { workerConnection } from '@albumboard/test-support';
import { logger, recordingCaller, testConfig, useApiRedis } from '../support/test-env';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const ADMIN_TOKEN = 'browser-test-admin-token-0001';

/**
 * An IPv4 address of this machine other than loopback. To the browser a page from localhost is "potentially
 * trustworthy" and one from any other address is not, as for a VM or another machine on the LAN: only there does a CSP
 * `upgrade-insecure-requests` move the page's scripts to https. The page is loaded by the local browser only.
 */
function machineAddress(): string {
  const found = Object.values(networkInterfaces())
    .flat()
    .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal);
  if (!found) throw new Error('this machine has no non-loopback IPv4 address to serve the pages on over plain HTTP');
  return found.address;
}

/** Where the pages are opened: the api listens on both, over plain HTTP. */
const HOSTS = ['127.0.0.1', machineAddress()] as const;

/** A real browser (Debian chromium driven by playwright-core) on the dashboard and the API reference. */
describe('the queue dashboard and the API reference in a real browser', () => {
  const { redis, track } = useApiRedis();
  let config: ApiConfig;
  let producer: Redis;
  const servers: Server[] = [];
  const baseUrls = new Map<string, string>();
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
    mkdirSync(ARTIFACTS, { recursive: true });
    config = testConfig({ ADMIN_TOKEN });
    track(config.QUEUE_PREFIX);
    // Jobs nobody consumes (no workers here), so the counts are known: default 3 waiting, spotify 1, leaderboard 2 delayed.
    producer = workerConnection();
    const add = async (name: 'default' | 'spotify' | 'leaderboard', count: number, delay = 0) => {
      const queue = new Queue(name, { connection: producer, prefix: config.QUEUE_PREFIX });
      for (let i = 0; i < count; i += 1) await queue.add(`${name}.ping`, { sentAt: Date.now() }, { delay });
      await queue.close();
    };
    await add('default', 3);
    await add('spotify', 1);
    await add('leaderboard', 2, 3_600_000);
    const app = createApp({ config, redis, spotify: recordingCaller(), logger });
    for (const host of HOSTS) {
      const server = await new Promise<Server>((resolve) => {
        const s = app.listen(0, host, () => resolve(s));
      });
      servers.push(server);
      baseUrls.set(host, `http://${host}:${(server.address() as AddressInfo).port}`);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    await producer.quit();
  });

  it.each(HOSTS)('asks for the admin token, then shows the three queues and their job counts (opened by %s)', async (host) => {
    const baseUrl = baseUrls.get(host) as string;
    // Without credentials the browser gets a Basic challenge and, with nobody to type the token, gives up.
    const anonymous = await browser.newContext();
    await expect((await anonymous.newPage()).goto(`${baseUrl}/admin/queues`)).rejects.toThrow(/ERR_INVALID_AUTH_CREDENTIALS/);
    await anonymous.close();

    const context = await browser.newContext({ httpCredentials: { username: 'operator', password: ADMIN_TOKEN }, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const response = await page.goto(`${baseUrl}/admin/queues`);
    expect(response?.status()).toBe(200);
    for (const name of ['default', 'spotify', 'leaderboard']) await page.getByText(name, { exact: true }).first().waitFor({ timeout: 15_000 });
    await page.getByText(/3 Jobs?/).first().waitFor({ timeout: 15_000 });
    const text = await page.locator('body').innerText();
    // One card per queue: its name, its workers (none here) and its job count.
    expect(text).toMatch(/default\s+No workers\s+3 Jobs/);
    expect(text).toMatch(/spotify\s+No workers\s+1 Job\b/);
    expect(text).toMatch(/leaderboard\s+No workers\s+2 Jobs/);
    expect(text).toMatch(/WAITING\s+4\s/); // 3 + 1 across the queues
    expect(text).toMatch(/DELAYED\s+2\s/);
    await page.screenshot({ path: join(ARTIFACTS, `admin-queues-${host}.png`), fullPage: true });
    await context.close();
  });

  it.each(HOSTS)('renders the API reference with the search endpoint (opened by %s)', async (host) => {
    const baseUrl = baseUrls.get(host) as string;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const response = await page.goto(`${baseUrl}/docs`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/docs/');
    await page.getByText('/api/v1/search', { exact: true }).waitFor({ timeout: 15_000 });
    await expect(page.locator('.opblock-summary-path', { hasText: '/api/v1/status' }).count()).resolves.toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, `api-docs-${host}.png`) });
    await context.close();
  });
});
