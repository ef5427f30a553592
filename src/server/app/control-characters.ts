/**
 * Control characters refused at the edge (issue 72): every JSON body, query string and path parameter of every route
 * is looked through after it is parsed and before it is validated, and one holding a control character (clean-text.ts
 * controlCharacterIn: C0 but tab, line feed and carriage return; DEL; C1) is answered 400 `validation` naming the
 * field, before any route runs — the same on both databases (PostgreSQL refused a NUL with a 500, to anonymous
 * users too; SQLite stored it). Uploads are read by app/multipart.ts, which does the same for their text fields and
 * cleans their file names.
 */
import type { FastifyInstance } from 'fastify';
import { controlCharacterIn } from '../../shared/domain/clean-text';
import { validationError } from './errors';

/** The first string under `value` holding a control character: its path and the character. */
export function findControlCharacter(value: unknown, path: (string | number)[] = []): { path: string; character: string } | null {
  if (typeof value === 'string') {
    const character = controlCharacterIn(value);
    return character === null ? null : { path: path.join('.'), character };
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findControlCharacter(item, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findControlCharacter(key, path) ?? findControlCharacter(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** The 400 for a value with a control character. */
export function controlCharacterError(found: { path: string; character: string }) {
  return validationError([{ path: found.path, message: `不能含有控制字符（${found.character}）` }]);
}

export function installControlCharacterCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      if (Buffer.isBuffer(part)) continue;
      const found = findControlCharacter(part);
      if (found) throw controlCharacterError(found);
    }
  });
}
