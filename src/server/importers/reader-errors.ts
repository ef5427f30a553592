/**
 * What a library's failure means, said in Chinese (issue 72, item 13). The readers lean on JSZip, ExcelJS (saxes),
 * fast-xml-parser and pdf.js, whose errors are English sentences ("Corrupted zip: can't find end of central
 * directory", "External entities are not supported", "1:39: unexpected close tag.", a RangeError "Invalid string
 * length"): passed on as they were, they reached the person who uploaded the file. Every reader's refusal of an error
 * it did not make itself goes through readerFailure, which never passes a library's words on: it names what is wrong
 * with the file in Chinese, and says only that the content could not be parsed when it cannot tell.
 */

/** Why a library could not read a file, in Chinese: the kind of damage when the error tells it, else a generic reason. */
export function readerFailure(error: unknown): string {
  const e = error as { name?: string; message?: unknown; code?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|allocation failed|Array buffer allocation/i.test(message)) return '文件展开后过大，超出内存限制';
  // V8's longest string (about 512 M characters): a file whose text, put together, is longer than anything readable
  if (error instanceof RangeError && /string length/i.test(message)) return '文件展开后的文字过长（超出可处理的长度）';
  // V8's stack, or fast-xml-parser's own bound ("Maximum nested tags exceeded")
  if ((error instanceof RangeError && /call stack/i.test(message)) || /nested|nesting|depth/i.test(message)) return '文件的结构嵌套层次过深';
  if (/central directory|corrupted zip|end of data|zip64|compression method|invalid (stored|distance|code|block)|unexpected end|crc32|is this a zip/i.test(message)) return '压缩包已损坏或不完整';
  if (/external entit/i.test(message)) return '含有外部实体声明（DOCTYPE），出于安全原因不予读取';
  if (/parameter entit|entity|doctype/i.test(message)) return '含有 DOCTYPE 实体声明或未定义的实体，出于安全原因不予读取';
  const line = /(?:^|\bline\s*)(\d+):(\d+):/i.exec(message) ?? /\bline (\d+)/i.exec(message);
  // fast-xml-parser's validator ("Expected closing tag …", "char '<' is not expected."), saxes ("1:39: unexpected close tag.")
  if (/xml|\btag\b|attribute|closing|unclosed|\bchar '|^\d+:\d+: /i.test(message)) {
    return `XML 内容格式不正确${line ? `（第 ${line[1]} 行）` : ''}`;
  }
  return '内容无法解析';
}

