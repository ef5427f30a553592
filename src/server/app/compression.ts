/**
 * Compressed answers (issue 34) through @fastify/compress: the JSON API, the SPA's index.html and
 * whatever else the server makes in text, in Brotli or gzip, whichever the client accepts (Brotli
 * first; the plugin negotiates Accept-Encoding with its q-values, sets Vary and Content-Length, and
 * compresses streams as well as strings). The built assets are compressed once at build time
 * (vite.config.ts writes .br and .gz beside each) and sent as they are from memory (web-assets.ts):
 * an answer that already has a Content-Encoding is left alone. Binary types
 * (spreadsheets, Word files, PDFs) are not compressed; neither are answers under 1 KB, where the
 * header would cost more than it saves. Request bodies are not decompressed: uploads come as they
 * are, and a compressed body cannot grow past the upload limits behind their back.
 *
 * Registered before any route (the plugin attaches its hook to each route as it is added).
 */
import fastifyCompress, { type FastifyCompressOptions } from '@fastify/compress';
import { constants } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

/** Below this many bytes an answer goes as it is. */
export const MIN_COMPRESS_BYTES = 1024;

/** Text the server makes: JSON (and problem+json), JavaScript, XML, any text/* but an event stream, SVG. */
export const COMPRESSIBLE = /^(application\/(json|javascript|xml|problem\+json)|text\/(?!event-stream)|image\/svg\+xml)/i;

export const COMPRESSION_OPTIONS: FastifyCompressOptions = {
  global: true,
  globalDecompression: false,
  // Brotli before gzip; no deflate (its two meanings confuse clients), no zstd (not every Node).
  encodings: ['br', 'gzip'],
  threshold: MIN_COMPRESS_BYTES,
  customTypes: COMPRESSIBLE,
  // Quality 5 for answers made per request: most of Brotli's gain at a small part of quality 11's
  // time (the build's assets use 11, once). Text mode: the answers are JSON and HTML.
  brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } },
  zlibOptions: { level: 6 },
};

/** Registers @fastify/compress for every route added after it. */
export async function installCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, COMPRESSION_OPTIONS);
}
