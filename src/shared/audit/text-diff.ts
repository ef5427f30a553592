/**
 * A small character-level diff of two texts (the longest common subsequence over characters,
 * after cutting the common start and end), for the change history's long texts: what was deleted
 * and what was inserted, in order. Texts too long for the table (their product past LIMIT) come
 * back as one deletion and one insertion of the differing middle. Pure.
 */

export interface DiffPart {
  /** '=' kept, '-' deleted, '+' inserted. */
  op: '=' | '-' | '+';
  text: string;
}

/** Cells of the LCS table at most (a 2,000 × 2,000 character middle). */
const LIMIT = 4_000_000;

function push(parts: DiffPart[], op: DiffPart['op'], text: string): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last !== undefined && last.op === op) last.text += text;
  else parts.push({ op, text });
}

/**
 * @example diffText('预计培训100人次', '预计培训120人次')
 * // [{op:'=',text:'预计培训1'},{op:'-',text:'0'},{op:'+',text:'2'},{op:'=',text:'0人次'}]
 */
export function diffText(before: string, after: string): DiffPart[] {
  const a = Array.from(before);
  const b = Array.from(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const x = a.slice(start, a.length - end);
  const y = b.slice(start, b.length - end);
  const parts: DiffPart[] = [];
  push(parts, '=', a.slice(0, start).join(''));
  if (x.length * y.length > LIMIT) {
    push(parts, '-', x.join(''));
    push(parts, '+', y.join(''));
  } else {
    // lengths[i][j]: the LCS of x[i..] and y[j..].
    const w = y.length + 1;
    const lengths = new Uint32Array((x.length + 1) * w);
    for (let i = x.length - 1; i >= 0; i--) {
      for (let j = y.length - 1; j >= 0; j--) {
        lengths[i * w + j] = x[i] === y[j] ? lengths[(i + 1) * w + j + 1]! + 1 : Math.max(lengths[(i + 1) * w + j]!, lengths[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      if (x[i] === y[j]) {
        push(parts, '=', x[i]!);
        i++;
        j++;
      } else if (lengths[(i + 1) * w + j]! >= lengths[i * w + j + 1]!) push(parts, '-', x[i++]!);
      else push(parts, '+', y[j++]!);
    }
    push(parts, '-', x.slice(i).join(''));
    push(parts, '+', y.slice(j).join(''));
  }
  push(parts, '=', a.slice(a.length - end).join(''));
  return parts;
}
