import { describe, expect, it } from 'vitest';
import { cleanText, describeRemoved, INVISIBLE_CHARACTERS } from '../../src/shared/domain/clean-text';

describe('cleanText', () => {
  it('removes every bidirectional control and zero-width character, and says which', () => {
    const all = Object.keys(INVISIBLE_CHARACTERS).join('');
    expect(cleanText(`示范${all}局`)).toStrictEqual({ text: '示范局', removed: Object.keys(INVISIBLE_CHARACTERS).map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`) });
    expect(cleanText('763001\u202E中共\u200B唐山\u202E')).toStrictEqual({ text: '763001中共唐山', removed: ['U+202E', 'U+200B'] });
  });

  it('leaves ordinary text alone (full-width forms, spaces, punctuation, emoji without joiners)', () => {
    for (const text of ['中共唐山市路南区委社会工作部', '１３０２０２ＡＢ', 'a b\tc', '（一）、“引号”', '😀']) expect(cleanText(text)).toStrictEqual({ text, removed: [] });
  });

  it('is idempotent', () => {
    const once = cleanText('\u2067abc\u2069').text;
    expect(cleanText(once)).toStrictEqual({ text: once, removed: [] });
  });

  it('names what was removed for people', () => {
    expect(describeRemoved(['U+202E', 'U+200B'])).toBe('从右向左覆盖（U+202E）、零宽空格（U+200B）');
  });
});
