import net, { type AddressInfo } from 'node:net';
import { waitForTcp } from '../src/wait-for-tcp';

describe('waitForTcp', () => {
  it('resolves once the port accepts connections', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const waiting = waitForTcp('127.0.0.1', port, 10_000);
    const server = net.createServer((socket) => socket.destroy());
    setTimeout(() => server.listen(port, '127.0.0.1'), 300);
    await expect(waiting).resolves.toBeUndefined();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('rejects when nothing listens within the timeout', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(waitForTcp('127.0.0.1', port, 300)).rejects.toThrow(`127.0.0.1:${port} did not accept connections within 300 ms`);
  });
});
