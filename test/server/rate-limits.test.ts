/**
 * Login limits that hold behind a proxy (issue 15): only the configured proxies' X-Forwarded-For
 * entries are believed, so rotating the header does not make a client a new address; failed
 * sign-ins are limited per username across addresses and per address across usernames.
 */
import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../src/server/app/app';
import { LOGIN_LIMITS, limitAddress } from '../../src/server/modules/auth/login-limits';
import { createUser, startTestApp, TEST_PASSWORD, type TestApp, type TestResponse } from './support';

/** A login through the proxy on this machine, which says the client is `client` (after whatever the client wrote itself). */
function viaProxy(t: TestApp, username: string, password: string, client: string, forged?: string): Promise<TestResponse> {
  return t.client().post('/api/auth/login', { username, password }, { headers: { 'x-forwarded-for': forged ? `${forged}, ${client}` : client } });
}

describe('behind a proxy', () => {
  it('a client rotating X-Forwarded-For stays one address: the trusted proxy\'s entry counts, the forged ones do not', async () => {
    const t = await startTestApp({ trustProxy: true });
    await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    const max = LOGIN_LIMITS.addressAndUsername.max;
    for (let i = 0; i < max; i++) expect((await viaProxy(t, 'zhang', 'wrong-password', '198.51.100.7', `10.9.${i}.1`)).statusCode).toBe(401);
    const limited = await viaProxy(t, 'zhang', TEST_PASSWORD, '198.51.100.7', '10.200.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    // the same user from another client address is not this limit's
    expect((await viaProxy(t, 'zhang', TEST_PASSWORD, '198.51.100.8')).statusCode).toBe(200);
  });

  it('a client that connects directly is not believed about X-Forwarded-For', async () => {
    const t = await startTestApp({ trustProxy: '10.0.0.1' });
    await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    const c = t.client();
    const send = (forged: string) => c.post('/api/auth/login', { username: 'zhang', password: 'wrong-password' }, { headers: { 'x-forwarded-for': forged } });
    // The test clients connect from 127.0.0.1, which is no trusted proxy here: rotating the header changes nothing.
    for (let i = 0; i < LOGIN_LIMITS.addressAndUsername.max; i++) expect((await send(`10.9.${i}.1`)).statusCode).toBe(401);
    expect((await send('10.9.99.1')).statusCode).toBe(429);
  });
});

describe('failed sign-ins', () => {
  it('are limited per username across addresses', async () => {
    const t = await startTestApp({ trustProxy: true });
    await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    await createUser(t.db, { username: 'wang', role: 'reviewer' });
    const max = LOGIN_LIMITS.username.max;
    for (let i = 0; i < max; i++) expect((await viaProxy(t, 'zhang', 'wrong-password', `198.51.100.${i + 1}`)).statusCode).toBe(401);
    expect((await viaProxy(t, 'zhang', TEST_PASSWORD, '203.0.113.50')).statusCode).toBe(429);
    expect((await viaProxy(t, 'wang', TEST_PASSWORD, '203.0.113.50')).statusCode).toBe(200);
  }, 60_000);

  it('are limited per address across usernames', async () => {
    const t = await startTestApp({ trustProxy: true });
    await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    const max = LOGIN_LIMITS.address.max;
    for (let i = 0; i < max; i++) expect((await viaProxy(t, `user${i}`, 'wrong-password', '198.51.100.7')).statusCode).toBe(401);
    expect((await viaProxy(t, 'zhang', TEST_PASSWORD, '198.51.100.7')).statusCode).toBe(429);
    expect((await viaProxy(t, 'zhang', TEST_PASSWORD, '198.51.100.8')).statusCode).toBe(200);
  }, 120_000);

  it('only failures count: an office behind one address signs in as often as it likes', async () => {
    const t = await startTestApp({ trustProxy: true });
    await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    for (let i = 0; i < LOGIN_LIMITS.addressAndUsername.max + 5; i++) expect((await viaProxy(t, 'zhang', TEST_PASSWORD, '198.51.100.7')).statusCode).toBe(200);
  });
});

describe('addresses and the proxy setting', () => {
  it('an IPv6 address counts as its /64; IPv4-mapped addresses as IPv4', () => {
    expect(limitAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(limitAddress('2001:db8:1:2:ffff:ffff:ffff:fffe')).toBe('2001:db8:1:2::/64');
    expect(limitAddress('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(limitAddress('::1')).toBe('0:0:0:0::/64');
    expect(limitAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(limitAddress('192.0.2.1')).toBe('192.0.2.1');
  });

  it('--trust-proxy takes proxies by address (no value: this machine), never a count of hops', () => {
    expect(parseTrustProxy(true)).toBe('loopback');
    expect(parseTrustProxy('10.0.0.1, 10.1.0.0/16,::1,fd00::/8,uniquelocal')).toBe('10.0.0.1,10.1.0.0/16,::1,fd00::/8,uniquelocal');
    for (const bad of ['1', 'everything', '10.0.0.1/33', '10.0.0.0/8/9', '']) expect(() => parseTrustProxy(bad), bad).toThrow(/--trust-proxy/);
  });
});
