/**
 * A number too large to be one — 1e999 in a JSON body or a query is Infinity — is refused in Chinese saying so (issue
 * 72, item 13): zod's Chinese said "无效输入：期望 数字，实际接收 数字" (expected a number, received a number).
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { NOT_FINITE_MESSAGE, parseInput, zodValidatorCompiler } from '../../src/server/app/errors';

describe('a number that is not finite', () => {
  it('is refused as out of range, by the route validator and parseInput alike; other messages stay zod’s Chinese', () => {
    const schema = z.object({ version: z.number().int(), page: z.coerce.number().int().min(1) });
    const validate = zodValidatorCompiler({ schema } as never) as (data: unknown) => { error?: { instancePath: string; message: string }[] };
    expect(validate(JSON.parse('{"version": 1e999, "page": "-1e999"}')).error?.map((e) => [e.instancePath, e.message])).toEqual([
      ['/version', NOT_FINITE_MESSAGE],
      ['/page', NOT_FINITE_MESSAGE],
    ]);
    expect(() => parseInput(schema, { version: Number.NaN, page: 1 })).toThrow(NOT_FINITE_MESSAGE);
    const wrongType = validate({ version: '1', page: 1 }).error![0]!.message;
    expect(wrongType).toMatch(/期望 数字/);
    expect(wrongType).not.toBe(NOT_FINITE_MESSAGE);
  });
});
