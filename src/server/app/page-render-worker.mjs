// The worker that draws pages on the server (page-render.ts). Plain JavaScript: it loads only the built drawing
// module (dist/web-render, plain ES), so it needs no loader whether the server runs from its sources or its build;
// the built server carries it as dist/server/page-render-worker.mjs. The drawing's questions to the API go to the
// main thread, which asks the server itself (inject) and sends the answer back.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

const { renderPage } = await import(pathToFileURL(workerData.module).href);
/** The drawing's questions waiting for the main thread's answer, by number. */
const waiting = new Map();
let asked = 0;

parentPort.on('message', (message) => {
  if (message.type === 'answer') {
    const resolve = waiting.get(message.question);
    waiting.delete(message.question);
    resolve?.({ status: message.status, body: message.body });
    return;
  }
  if (message.type !== 'draw') return;
  const get = (pathAndQuery) =>
    new Promise((resolve) => {
      const question = ++asked;
      waiting.set(question, resolve);
      parentPort.postMessage({ type: 'get', id: message.id, question, path: pathAndQuery });
    });
  renderPage({ url: message.url, boot: message.boot, get }).then(
    (page) => parentPort.postMessage({ type: 'drawn', id: message.id, page: page && { html: page.html, styles: page.styles, state: JSON.stringify(page.state) } }),
    (error) => parentPort.postMessage({ type: 'failed', id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
parentPort.postMessage({ type: 'ready' });
