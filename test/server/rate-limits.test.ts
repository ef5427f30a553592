/**
 * Login limits that hold behind a proxy (issue 15): only the configured proxies' X-Forwarded-For
 * entries are believed, so rotating the header does not make a client a new address; failed
 * sign-ins are limited per address and username and per address across usernames, and an account's
 * failures from anywhere slow down the places it never signed in from — never its own (issue 72: 30
 * wrong passwords from anywhere locked any account out, the administrators' included); each limit
 * reached is audited.
 */
import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../src/server/app/app';
import { LOGIN_LIMITS, limitAddress } from '../../src/server/modules/auth/login-limits';
import { listAuditEntries } from '../../src/server/db/document.repository';
import { createUser, startTestApp, TEST_PASSWORD, type TestApp, type TestResponse } from './support';

/** A login through the proxy on this machine, which says the client is `client` (after whatever the client wrote itself). */
function viaProxy(t: TestApp, username: string, password: string, client: string, forged?: string): Promise<TestResponse> {
  return t.client().post('/api/auth/login', { username, password }, { headers: { 'x-forwarded-for': forged ? `${forged}, ${client}` : client } });
}

describe('behind a proxy', () => {
  it('a client rotating X-Forwarded-For stays one address: the trusted proxy\'s entry counts, the forged ones do not', async () => {
    const t = await startTestApp({ trustProxy: true });
    await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    // zhang's own place (the account's failures elsewhere then do not slow it: below)
    expect((await viaProxy(t, 'zhang', TEST_PASSWORD, '198.51.100.8')).statusCode).toBe(200);
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
  it('a stranger cannot lock an account out: failures from anywhere slow the places it never signed in from; its own place signs in', async () => {
    const t = await startTestApp({ trustProxy: true });
    await createUser(t.db, { username: 'zhang', role: 'admin' });
    await createUser(t.db, { username: 'wang', role: 'reviewer' });
    // the real administrator signs in from its office
    expect((await viaProxy(t, 'zhang', TEST_PASSWORD, '203.0.113.10')).statusCode).toBe(200);
    // a botnet: many wrong passwords, each from an address of its own, far more than the old per-username limit (30)
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await viaProxy(t, 'zhang', 'wrong-password', `198.51.100.${i + 1}`)).statusCode);
    // after the free ones the strangers are slowed (429, told when to try again), never let through
    const free = LOGIN_LIMITS.unknownPlaces.free;
    expect(statuses.slice(0, free)).toStrictEqual(Array(free).fill(401));
    expect(statuses.slice(free).every((s) => s === 429 || s === 401)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThan(free + 3);
    // the administrator's right password from its own place: signed in at once
    expect((await viaProxy(t, 'zhang', TEST_PASSWORD, '203.0.113.10')).statusCode).toBe(200);
    // from a place it never signed in from: slowed for seconds (not locked for minutes), then through
    const slowed = await viaProxy(t, 'zhang', TEST_PASSWORD, '203.0.113.99');
    expect(slowed.statusCode).toBe(429);
    const wait = Number(slowed.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(LOGIN_LIMITS.unknownPlaces.maxDelayMs / 1000);
    expect(slowed.json().message).toBe(`登录尝试过于频繁，请 ${wait} 秒后再试`);
    t.clock.advance(wait * 1000);
    expect((await viaProxy(t, 'zhang', TEST_PASSWORD, '203.0.113.99')).statusCode).toBe(200);
    // another account is not this one's
    expect((await viaProxy(t, 'wang', TEST_PASSWORD, '203.0.113.50')).statusCode).toBe(200);
  }, 60_000);

  it('the slow-down grows with the failures, up to a minute, and ends when they stop', async () => {
    const t = await startTestApp({ trustProxy: true });
    await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    const { free, maxDelayMs, windowMs } = LOGIN_LIMITS.unknownPlaces;
    for (let i = 0; i < free; i++) expect((await viaProxy(t, 'zhang', 'wrong-password', `198.51.100.${i + 1}`)).statusCode).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await viaProxy(t, 'zhang', 'wrong-password', `198.51.101.${i + 1}`);
      expect(res.statusCode).toBe(429);
      waits.push(Number(res.headers['retry-after']));
      t.clock.advance(waits[i]! * 1000);
      expect((await viaProxy(t, 'zhang', 'wrong-password', `198.51.102.${i + 1}`)).statusCode).toBe(401);
    }
    expect(waits).toStrictEqual(waits.map((_, i) => Math.min(2 ** i, maxDelayMs / 1000)));
    // a quarter of an hour without a failure: the account is as before
    t.clock.advance(windowMs);
    expect((await viaProxy(t, 'zhang', TEST_PASSWORD, '198.51.103.1')).statusCode).toBe(200);
  }, 60_000);

  it('each limit reached is in the audit log once, for the security auditor', async () => {
    const t = await startTestApp({ trustProxy: true });
    const zhang = await createUser(t.db, { username: 'zhang', role: 'reviewer' });
    const li = await createUser(t.db, { username: 'li', role: 'reviewer' });
    for (let i = 0; i < 30; i++) await viaProxy(t, 'zhang', 'wrong-password', `198.51.100.${i + 1}`);
    // li's own place: its failures meet the address's limit, not the strangers' slow-down
    expect((await viaProxy(t, 'li', TEST_PASSWORD, '203.0.113.7')).statusCode).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.addressAndUsername.max + 3; i++) statuses.push((await viaProxy(t, 'li', 'wrong-password', '203.0.113.7')).statusCode);
    expect(statuses).toStrictEqual([...Array(LOGIN_LIMITS.addressAndUsername.max).fill(401), 429, 429, 429]);
    const entries = (await listAuditEntries(t.db, { entity: 'user' })).filter((e) => e.action === 'user.signInLimit');
    expect(entries.map((e) => [e.actor, e.entityId, e.detail.rule, e.detail.address ?? null])).toStrictEqual([
      ['system', zhang.id, LOGIN_LIMITS.unknownPlaces.rule, null],
      ['system', li.id, LOGIN_LIMITS.addressAndUsername.rule, '203.0.113.7'],
    ]);
    expect(entries[0]!.detail).toMatchObject({ username: 'zhang', attempts: LOGIN_LIMITS.unknownPlaces.free });
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
