/**
 * LibreOffice conversions of the parse pool's workers, run by the main thread (issue 72). A worker that exceeds
 * its time limit is ended (Piscina terminates the thread): nothing of it runs after that, so a conversion it ran
 * itself left its soffice.bin burning a core and its temporary folder — holding the uploaded file — behind, one more
 * per upload. The worker asks the main thread instead, on the task's port (the one a scan's progress is told on);
 * the main thread converts (importers/office/convert.ts, office/soffice.ts: bounded, in a process group, folder
 * removed) and cancels the conversion when the task ends, however it ends.
 */
import type { MessagePort } from 'node:worker_threads';
import { DocumentReadError } from '../../importers/errors';
import { readerFailure } from '../../importers/reader-errors';
import { convertWithLibreOffice, type Converter } from '../../importers/office/convert';

interface ConversionRequest {
  convert: number;
  bytes: Uint8Array;
  file: string;
  target: 'docx' | 'xlsx';
}

type ConversionAnswer = { converted: number; bytes: Uint8Array } | { converted: number; file: string; message: string };

export function isConversionRequest(message: unknown): message is ConversionRequest {
  return typeof (message as ConversionRequest | null)?.convert === 'number';
}

/** The main thread: converts what the worker asks on `port`, until `signal` (the task ended) aborts. */
export function answerConversion(port: MessagePort, request: ConversionRequest, signal: AbortSignal): void {
  convertWithLibreOffice(request.bytes, request.file, request.target, { signal }).then(
    (bytes) => port.postMessage({ converted: request.convert, bytes } satisfies ConversionAnswer, [bytes.buffer as ArrayBuffer]),
    (e: unknown) => {
      const message = e instanceof DocumentReadError ? e.message : `无法转换：${readerFailure(e)}`;
      port.postMessage({ converted: request.convert, file: request.file, message } satisfies ConversionAnswer);
    },
  );
}

/** The worker: a Converter that asks the main thread on `port` (which the task closes when it ends). */
export function converterOver(port: MessagePort): Converter {
  let next = 0;
  const pending = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (e: Error) => void }>();
  port.on('message', (answer: ConversionAnswer | { done: number }) => {
    if (!('converted' in answer)) return;
    const waiting = pending.get(answer.converted);
    if (waiting === undefined) return;
    pending.delete(answer.converted);
    if ('bytes' in answer) waiting.resolve(answer.bytes);
    else waiting.reject(new DocumentReadError(answer.file, null, answer.message));
  });
  return (bytes, file, target) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      // a copy: the reader may still hold the bytes it was given
      port.postMessage({ convert: id, bytes: bytes.slice(), file, target } satisfies ConversionRequest);
    });
}
