/**
 * The public pages drawn on the server (issue 34, point 7): their content is in the HTML a visitor receives, shown
 * before the browser has loaded or run a script (about a second of script on a 2-core machine), and the web app then
 * takes the page over from the same answers (main.tsx, hydrateRoot). The drawing is the web app's own
 * (src/web/server-render.tsx, built by web-build.ts into dist/web-render) and runs in a worker thread
 * (page-render-worker.mjs), off the event loop; its questions to the API come back here and are asked of the server
 * itself (inject), without cookies: an anonymous visitor's answers.
 *
 * Only an anonymous visitor's public pages (visitors asking for the same address at the same time share one
 * drawing). A drawing is kept with the answers it was drawn from, and sent again only while the API still gives
 * those same answers: each later request asks the drawing's questions again (tens of milliseconds, where drawing
 * takes 50–150 ms) and compares them, byte for byte. A drawing is a function of its address and its answers, so a
 * kept one is never stale, whatever table an answer reads — not the data version of the kept API answers
 * (kept-answers.ts), which does not follow every table a public page shows (批复 and 调整, migrations 0028 and 0030).
 * Kept at most KEEP_MS (anything else the drawing might read, such as the date, has no time to go stale) and for
 * KEEP_PAGES addresses, the least recently asked for dropped first.
 *
 * A page that is not drawn — no build of the drawing, an error, longer than RENDER_LIMIT_MS, more than MAX_OWED
 * drawings waiting already (a flood of addresses) — is sent as before, for the browser to draw, the reason logged:
 * drawing on the server makes a page faster, never missing. The worker starts with the first public page asked for
 * and ends after IDLE_MS without one (about 100 MB while it lives).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface DrawnPage {
  /** The content for inside <div id="root">. */
  html: string;
  /** antd's style elements for the <head>. */
  styles: string;
  /** The answers it was drawn with, as JSON. */
  state: string;
}

/** Longer than this and the page is sent undrawn (the drawing goes on, for the visitors asking meanwhile). */
const RENDER_LIMIT_MS = 3_000;
/** A drawing still unfinished after this is given up and the worker ended (a page that never finishes drawing). */
const GIVE_UP_MS = 30_000;
const IDLE_MS = 5 * 60_000;
const WORKER_MEMORY_MB = 512;
/** Drawings waiting in the worker beyond which a page is sent undrawn (each takes 50–150 ms of the worker's time). */
const MAX_OWED = 8;
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

/** A GET of the server's own API as an anonymous visitor makes it. */
async function ask(app: FastifyInstance, path: string): Promise<Answered> {
  try {
    const res = await app.inject({ method: 'GET', url: path, headers: { accept: 'application/json' } });
    return { path, status: res.statusCode, body: res.body };
  } catch (e) {
    return { path, status: 500, body: JSON.stringify({ code: 'error', message: e instanceof Error ? e.message : String(e) }) };
  }
}

/** The worker and the drawings it owes. */
class Drawer {
  private readonly worker: Worker;
  private readonly owed = new Map<number, (outcome: Outcome) => void>();
  /** The answers each drawing under way was given, as they came (a kept drawing's check asks them again in that order). */
  private readonly answered = new Map<number, Answered[]>();
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
      else if (m.type === 'drawn') this.settle(m.id, { ok: true, page: m.page, answers: this.answered.get(m.id) ?? [] });
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
    const answer = await ask(this.app, path);
    this.answered.get(id)?.push(answer);
    if (!this.ended) this.worker.postMessage({ type: 'answer', question, status: answer.status, body: answer.body });
  }

  private settle(id: number, outcome: Outcome): void {
    const done = this.owed.get(id);
    this.owed.delete(id);
    this.answered.delete(id);
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

  draw(url: string): Promise<Outcome> {
    clearTimeout(this.idle);
    const id = ++this.next;
    return new Promise<Outcome>((resolve) => {
      const giveUp = setTimeout(() => void this.end(), GIVE_UP_MS).unref();
      this.owed.set(id, (outcome) => {
        clearTimeout(giveUp);
        resolve(outcome);
      });
      this.answered.set(id, []);
      this.worker.postMessage({ type: 'draw', id, url });
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
  /** Draws a public page for an anonymous visitor; null when there is no drawing to send (the plain page is sent). */
  draw(request: FastifyRequest): Promise<DrawnPage | null>;
  close(): Promise<void>;
}

/** `module`: the built drawing module (app.ts DEFAULT_PAGE_RENDER_MODULE); while it is missing, nothing is drawn. */
export function pageDrawer(app: FastifyInstance, module: string): PageDrawer {
  let drawer: Drawer | null = null;
  const underway = new Map<string, Promise<Outcome>>();
  /** Drawings with the answers they were drawn from, by address; the least recently sent first. */
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

  return {
    async draw(request) {
      if (!existsSync(module)) return null;
      const url = request.url;
      // Visitors asking for the same address at the same time share one drawing.
      let drawing = underway.get(url);
      if (!drawing) {
        const same = await stillSo(url);
        if (same) return same;
        drawing = underway.get(url);
      }
      if (!drawing) {
        if (current().waiting >= MAX_OWED) {
          request.log.warn({ url }, `page not drawn on the server: ${MAX_OWED} drawings waiting already; sent for the browser to draw`);
          return null;
        }
        drawing = current()
          .draw(url)
          .then((outcome) => {
            keep(url, outcome);
            return outcome;
          })
          .finally(() => underway.delete(url));
        underway.set(url, drawing);
      }
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), RENDER_LIMIT_MS);
      });
      try {
        const outcome = await Promise.race([drawing, late]);
        if (outcome === null) {
          request.log.warn({ url }, `page not drawn on the server within ${RENDER_LIMIT_MS} ms: sent for the browser to draw`);
          return null;
        }
        if (!outcome.ok) request.log.error({ url, error: outcome.error }, 'page not drawn on the server: sent for the browser to draw');
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
