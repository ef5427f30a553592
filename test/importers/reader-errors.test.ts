/**
 * readerFailure (importers/reader-errors.ts, issue 72 item 13): the errors the readers' libraries really throw, made
 * here by the libraries themselves, each said in Chinese without a word of the library's English — a zip cut short
 * (JSZip), an external or parameter entity (fast-xml-parser), XML that is not well formed (fast-xml-parser's
 * validator, saxes as ExcelJS uses it), V8's RangeErrors of a string longer than it makes and of a stack overflow.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { readerFailure } from '../../src/server/importers/reader-errors';

const ENGLISH = /[A-Za-z]{3,}[ ,:;'"-]+[A-Za-z]{3,}/;

async function thrown(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (e) {
    return e;
  }
  throw new Error('nothing thrown');
}

describe('what a library throws, in Chinese', () => {
  it('each real error named by its kind, none in English', async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(500, 7)]);
    const parser = new XMLParser({ processEntities: true });
    const cases: [string, unknown, string][] = [
      ['JSZip, a zip cut short', await thrown(() => JSZip.loadAsync(broken)), '压缩包已损坏或不完整'],
      ['fast-xml-parser, an external entity', await thrown(() => parser.parse('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file:///etc/passwd">]><x>&s;</x>')), '含有外部实体声明（DOCTYPE），出于安全原因不予读取'],
      ['fast-xml-parser, a parameter entity', await thrown(() => parser.parse('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p "q">]><x/>')), '含有 DOCTYPE 实体声明或未定义的实体，出于安全原因不予读取'],
      ['the validator, a tag left open', new Error((XMLValidator.validate('<a>\n<b></a>') as { err: { msg: string } }).err.msg), 'XML 内容格式不正确'],
      ['saxes (ExcelJS\'s parser), a tag closed that was not open', await thrown(() => new SaxesParser().write('<a>\n</b>').close()), 'XML 内容格式不正确（第 2 行）'],
      ['saxes, an undefined entity', await thrown(() => new SaxesParser().write('<a>&secret;</a>').close()), '含有 DOCTYPE 实体声明或未定义的实体'],
      ['V8, a string too long', await thrown(() => 'x'.repeat(2 ** 30)), '文件展开后的文字过长（超出可处理的长度）'],
      ['V8, a stack overflowed', await thrown(function deeper(): number { return deeper() + 1; }), '文件的结构嵌套层次过深'],
      ['anything else', new Error('Something unexpected happened'), '内容无法解析'],
    ];
    for (const [what, error, said] of cases) {
      expect(error, what).toBeInstanceOf(Error);
      expect(readerFailure(error), `${what}: ${(error as Error).message}`).toMatch(new RegExp(`^${said.replace(/[()（）]/g, '.')}`));
      expect(readerFailure(error), what).not.toMatch(ENGLISH);
    }
  });
});
