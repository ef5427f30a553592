/**
 * The pages drawn on the server (issue 34, point 7): their content is in the HTML a visitor receives, shown before
 * the browser has loaded or run a script (about a second of script on a 2-core machine), and the web app then takes
 * the page over from the same answers (main.tsx, hydrateRoot). The drawing is the web app's own
 * (src/web/server-render.tsx, built by web-build.ts into dist/web-render) and runs in a worker thread
 * (page-render-worker.mjs), off the event loop; its questions to the API come back here and are asked of the server
 * itself (inject) with the visitor's cookies: the visitor's own answers, their access checked by each route as for
 * any request of theirs. spa-shell.ts says which pages are drawn: a public page, and a signed-in visitor's page of
 * theirs.
 *
 * An anonymous visitor's page is the same for everyone: visitors asking for the same address at the same time share
 * one drawing, and a drawing is kept with the answers it was drawn from, and sent again only while the API still
 * gives those same answers: each later request asks the drawing's questions again (tens of milliseconds, where
 * drawing takes 50–150 ms) and compares them, byte for byte. A drawing is a function of its address and its answers,
 * so a kept one is never stale, whatever table an answer reads — not the data version of the kept API answers
 * (kept-answers.ts), which does not follow every table a public page shows (批复 and 调整, migrations 0028 and 0030).
 * Kept at most KEEP_MS (anything else the drawing might read, such as the date, has no time to go stale) and for
 * KEEP_PAGES addresses, the least recently asked for dropped first. A signed-in visitor's page is theirs alone:
 * drawn for each request, never shared, never kept.
 *
 * A page that is not drawn — no build of the drawing, an error, a drawing later than LIMITS allow or too many waiting
 * already — is sent as before, for the browser to draw,
 * the reason logged: drawing on the server makes a page faster, never missing. The worker starts with the first page
 * asked for and ends after IDLE_MS without one (about 100 MB while it lives).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PageBoot } from '../../shared/api/boot';

export interface DrawnPage {
  /** The content for inside <div id="root">. */
  html: string;
  /** antd's style elements for the <head>. */
  styles: string;
  /** The answers it was drawn with, as JSON. */
  state: string;
}

/**
 * How long a page waits for its drawing before it is sent undrawn (the drawing goes on, for the visitors asking
 * meanwhile), and how many drawings may wait in the worker before a page is sent undrawn at once (each takes 50–150 ms
 * of the worker's time). A signed-in visitor's drawings are not shared, so a queue of them only delays each; the
 * browser draws such a page in about 1.5 s (bench:pages), and a drawing later than that would make it slower, not faster.
 */
const LIMITS = {
  anonymous: { waitMs: 3_000, maxOwed: 8 },
  signedIn: { waitMs: 1_500, maxOwed: 2 },
} as const;
/** A drawing still unfinished after this is given up and the worker ended (a page that never finishes drawing). */
const GIVE_UP_MS = 30_000;
const IDLE_MS = 5 * 60_000;
const WORKER_MEMORY_MB = 512;
/** How long, and for how many addresses, a drawing is kept to be sent again while its answers are the same. */
const KEEP_MS = 10 * 60_000;
const KEEP_PAGES = 200;
// The built server (scripts/server-build.mjs) has it beside its main module under the same name.
const WORKER_FILE = fileURLToPath(new URL('./page-render-worker.mjs', import.meta.url));

/** A question of a drawing to the API, and the answer it had. */
interface Answered {
  path: string;
  status: number;
  body: string;
}

type Outcome = { ok: true; page: DrawnPage | null; answers: Answered[] } | { ok: false; error: string };

const limitsOf = (boot: PageBoot) => (boot.user === null ? LIMITS.anonymous : LIMITS.signedIn);

/** A GET of the server's own API as the visitor makes it: with their cookies (a signed-in visitor's session), or none. */
async function ask(app: FastifyInstance, path: string, cookie?: string): Promise<Answered> {
  try {
    const res = await app.inject({ method: 'GET', url: path, headers: { accept: 'application/json', ...(cookie ? { cookie } : {}) } });
    return { path, status: res.statusCode, body: res.body };
  } catch (e) {
    return { path, status: 500, body: JSON.stringify({ code: 'error', message: e instanceof Error ? e.message : String(e) }) };
  }
}

/** The worker and the drawings it owes. */
class Drawer {
  private readonly worker: Worker;
  private readonly owed = new Map<number, (outcome: Outcome) => void>();
  /**
   * Each drawing under way: the cookies of the visitor it is drawn for (none: an anonymous visitor), and the answers it
   * was given, as they came (a kept drawing's check asks them again in that order).
   */
  private readonly underway = new Map<number, { cookie: string | undefined; answers: Answered[] }>();
  private next = 0;
  private idle: NodeJS.Timeout | undefined;
  ended = false;

  constructor(
    module: string,
    private readonly app: FastifyInstance,
  ) {
    this.worker = new Worker(WORKER_FILE, { workerData: { module }, resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB }, execArgv: [] });
    this.worker.unref();
    this.worker.on('message', (m: { type: string; id: number; question: number; path: string; page: DrawnPage | null; error: string }) => {
      if (m.type === 'get') void this.answer(m.id, m.question, m.path);
      else if (m.type === 'drawn') this.settle(m.id, { ok: true, page: m.page, answers: this.underway.get(m.id)?.answers ?? [] });
      else if (m.type === 'failed') this.settle(m.id, { ok: false, error: m.error });
    });
    const failAll = (why: string) => {
      this.ended = true;
      for (const [id] of this.owed) this.settle(id, { ok: false, error: why });
    };
    this.worker.on('error', (e) => failAll(e.stack ?? e.message));
    this.worker.on('exit', (code) => failAll(`the drawing worker ended (${code})`));
  }

  private async answer(id: number, question: number, path: string): Promise<void> {
    const drawing = this.underway.get(id);
    const answer = await ask(this.app, path, drawing?.cookie);
    drawing?.answers.push(answer);
    if (!this.ended) this.worker.postMessage({ type: 'answer', question, status: answer.status, body: answer.body });
  }

  private settle(id: number, outcome: Outcome): void {
    const done = this.owed.get(id);
    this.owed.delete(id);
    this.underway.delete(id);
    done?.(outcome);
    if (this.owed.size === 0 && !this.ended) {
      clearTimeout(this.idle);
      this.idle = setTimeout(() => void this.end(), IDLE_MS).unref();
    }
  }

  /** Drawings asked for and not finished. */
  get waiting(): number {
    return this.owed.size;
  }

  draw(url: string, boot: PageBoot, cookie: string | undefined): Promise<Outcome> {
    clearTimeout(this.idle);
    const id = ++this.next;
    return new Promise<Outcome>((resolve) => {
      const giveUp = setTimeout(() => void this.end(), GIVE_UP_MS).unref();
      this.owed.set(id, (outcome) => {
        clearTimeout(giveUp);
        resolve(outcome);
      });
      this.underway.set(id, { cookie, answers: [] });
      this.worker.postMessage({ type: 'draw', id, url, boot });
    });
  }

  async end(): Promise<void> {
    clearTimeout(this.idle);
    if (this.ended) return;
    this.ended = true;
    await this.worker.terminate();
  }
}

export interface PageDrawer {
  /**
   * Draws the page at the request's address for the visitor `boot` names (its user null: an anonymous visitor), with
   * their cookies; null when there is no drawing to send (the plain page is sent).
   */
  draw(request: FastifyRequest, boot: PageBoot): Promise<DrawnPage | null>;
  close(): Promise<void>;
}

/** `module`: the built drawing module (app.ts DEFAULT_PAGE_RENDER_MODULE); while it is missing, nothing is drawn. */
export function pageDrawer(app: FastifyInstance, module: string): PageDrawer {
  let drawer: Drawer | null = null;
  /** Anonymous visitors' drawings under way, by address. */
  const underway = new Map<string, Promise<Outcome>>();
  /** Anonymous visitors' drawings with the answers they were drawn from, by address; the least recently sent first. */
  const kept = new Map<string, { page: DrawnPage; answers: Answered[]; at: number }>();
  const current = () => {
    if (!drawer || drawer.ended) drawer = new Drawer(module, app);
    return drawer;
  };
  /** The kept drawing of `url` when the API gives every answer it was drawn from again, unchanged. */
  const stillSo = async (url: string): Promise<DrawnPage | null> => {
    const page = kept.get(url);
    if (!page) return null;
    const same =
      Date.now() - page.at <= KEEP_MS &&
      (await Promise.all(page.answers.map((a) => ask(app, a.path)))).every((a, i) => a.status === page.answers[i]!.status && a.body === page.answers[i]!.body);
    // unless a newer drawing took its place meanwhile: dropped, or moved to the end (the most recently sent last)
    if (kept.get(url) === page) {
      kept.delete(url);
      if (same) kept.set(url, page);
    }
    return same ? page.page : null;
  };
  const keep = (url: string, outcome: Outcome) => {
    if (!outcome.ok || outcome.page === null) return;
    kept.delete(url);
    kept.set(url, { page: outcome.page, answers: outcome.answers, at: Date.now() });
    for (const oldest of kept.keys()) {
      if (kept.size <= KEEP_PAGES) break;
      kept.delete(oldest);
    }
  };
  /** A new drawing, or null when too many wait already. */
  const start = (request: FastifyRequest, boot: PageBoot, cookie: string | undefined): Promise<Outcome> | null => {
    const { maxOwed } = limitsOf(boot);
    if (current().waiting >= maxOwed) {
      request.log.warn({ url: request.url }, `page not drawn on the server: ${maxOwed} drawings waiting already; sent for the browser to draw`);
      return null;
    }
    return current().draw(request.url, boot, cookie);
  };
  /** An anonymous visitor's drawing: kept, or shared with the visitors asking for the same address meanwhile. */
  const anonymous = async (request: FastifyRequest, boot: PageBoot): Promise<{ kept: DrawnPage } | { drawing: Promise<Outcome> } | null> => {
    const url = request.url;
    let drawing = underway.get(url);
    if (!drawing) {
      const same = await stillSo(url);
      if (same) return { kept: same };
      drawing = underway.get(url);
    }
    if (drawing) return { drawing };
    const started = start(request, boot, undefined);
    if (!started) return null;
    drawing = started
      .then((outcome) => {
        keep(url, outcome);
        return outcome;
      })
      .finally(() => underway.delete(url));
    underway.set(url, drawing);
    return { drawing };
  };

  return {
    async draw(request, boot) {
      if (!existsSync(module)) return null;
      // A signed-in visitor's page is theirs alone, drawn from their own answers (the API checks their access as for
      // any request of theirs): never shared, never kept.
      let drawing: Promise<Outcome> | null;
      if (boot.user === null) {
        const found = await anonymous(request, boot);
        if (found === null || 'kept' in found) return found?.kept ?? null;
        drawing = found.drawing;
      } else drawing = start(request, boot, request.headers.cookie);
      if (drawing === null) return null;
      const limit = limitsOf(boot).waitMs;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), limit);
      });
      try {
        const outcome = await Promise.race([drawing, late]);
        if (outcome === null) {
          request.log.warn({ url: request.url }, `page not drawn on the server within ${limit} ms: sent for the browser to draw`);
          return null;
        }
        if (!outcome.ok) request.log.error({ url: request.url, error: outcome.error }, 'page not drawn on the server: sent for the browser to draw');
        return outcome.ok ? outcome.page : null;
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {
      await drawer?.end();
    },
  };
}
