// A throwaway PostgreSQL server for the tests: found under /usr/lib/postgresql/*/bin (installed
// from Debian when missing), initialised in a temporary directory, listening on 127.0.0.1 and a
// unix socket in that directory only, durability off (the data dies with the run).
//
//   const cluster = await startCluster();   // { url, dir, version, stop() }
//   … DATABASE_URL=cluster.url …
//   cluster.stop();                           // stops the server and removes the directory
//
// `node scripts/pg-cluster.mjs` starts one, prints its URL and keeps it until Ctrl+C (handy for
// `JIXIAO_TEST_DB=postgres JIXIAO_TEST_DATABASE_URL=… npx vitest run test/db`).
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const isRoot = process.getuid?.() === 0;

/** The bin directory of the newest PostgreSQL installed from Debian, or null. */
export function findPostgresBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0], 'bin') : null;
}

/** Installs Debian's postgresql when no server is installed; the bin directory, or throws. */
export function ensurePostgresInstalled(log = console.log) {
  const found = findPostgresBin();
  if (found) return found;
  log('installing PostgreSQL from Debian (postgresql) for the PostgreSQL test run');
  const sudo = isRoot ? [] : ['sudo'];
  const apt = (args) =>
    spawnSync(sudo[0] ?? 'apt-get', [...(sudo.length ? ['apt-get'] : []), ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status;
  const install = ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'];
  if (apt(install) !== 0) {
    apt(['update', '-qq']);
    apt(install);
  }
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed and apt-get could not install it (package postgresql)');
  return bin;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The postgres system user's uid and gid (initdb refuses to run as root). */
function postgresUser() {
  const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || uid <= 0) throw new Error('running as root, but there is no postgres system user to run the server as');
  return { uid, gid };
}

/** Starts a throwaway server; see the top of this file. */
export async function startCluster({ log = console.log } = {}) {
  const bin = ensurePostgresInstalled(log);
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-pg-'));
  const data = join(dir, 'data');
  // As root the server runs as the postgres user, which must own the directory.
  const asServer = (cmd, args) => {
    const full = join(bin, cmd);
    const r = isRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8' })
      : spawnSync(full, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout || r.error?.message}`);
    return r.stdout;
  };
  if (isRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        asServer('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch (error) {
        log(`could not stop the PostgreSQL test server: ${error.message}`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // An ICU root collation (linguistic order), as a production database would have: the schema
    // must make text compare byte-wise itself (migration 0004), not rely on a C-locale cluster.
    const icu = spawnSync(join(bin, 'initdb'), ['--help'], { encoding: 'utf8' }).stdout.includes('--locale-provider');
    asServer('initdb', [
      '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8',
      ...(icu ? ['--locale-provider=icu', '--icu-locale=und'] : []),
      '--no-sync',
    ]);
    const port = await freePort();
    writeFileSync(
      join(data, 'postgresql.auto.conf'),
      [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 300',
        'shared_buffers = 64MB',
        '',
      ].join('\n'),
    );
    started = true;
    asServer('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    const version = asServer('postgres', ['--version']).trim();
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, port, version, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const cluster = await startCluster();
  console.log(`${cluster.version} at ${cluster.url} (Ctrl+C stops it and removes ${cluster.dir})`);
  const bye = () => {
    cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', bye);
  process.on('SIGTERM', bye);
  setInterval(() => {}, 1 << 30);
}
