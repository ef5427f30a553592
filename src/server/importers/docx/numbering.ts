/**
 * Word's automatic list numbering (numbering.xml, also through paragraph styles), rendered as the
 * text the extraction writes ("一、", "（二）", "3.").
 */
import { childEl, elements, firstElement, intAttr, type XElement, type XNode } from './xml';

interface LevelDef {
  start: number;
  numFmt: string;
  lvlText: string | null;
  /** w:lvlRestart: null = restart after any higher level, 0 = never. */
  restart: number | null;
  isLgl: boolean;
  suff: string;
}

interface NumDef {
  abstractId: string;
  overrides: Map<number, { start: number | null; level: LevelDef | null }>;
}

interface StyleDef {
  numId: string | null;
  ilvl: number | null;
  basedOn: string | null;
}

export class Numbering {
  private readonly counters = new Map<string, (number | undefined)[]>();

  private constructor(
    private readonly abstracts: Map<string, { levels: Map<number, LevelDef>; styleLink: string | null }>,
    private readonly nums: Map<string, NumDef>,
    private readonly styles: Map<string, StyleDef>,
    private readonly defaultStyle: string | null,
  ) {}

  static parse(numberingXml: XNode[], stylesXml: XNode[] | null): Numbering {
    const abstracts = new Map<string, { levels: Map<number, LevelDef>; styleLink: string | null }>();
    const nums = new Map<string, NumDef>();
    const root = firstElement(numberingXml);
    for (const el of root ? elements(root) : []) {
      if (el.name === 'w:abstractNum') {
        const levels = new Map<number, LevelDef>();
        for (const lvl of elements(el)) {
          if (lvl.name === 'w:lvl') levels.set(intAttr(lvl, 'w:ilvl') ?? 0, parseLevel(lvl));
        }
        const link = childEl(el, 'w:numStyleLink')?.attrs['w:val'] ?? null;
        abstracts.set(el.attrs['w:abstractNumId'] ?? '', { levels, styleLink: link });
      } else if (el.name === 'w:num') {
        const overrides = new Map<number, { start: number | null; level: LevelDef | null }>();
        for (const o of elements(el)) {
          if (o.name !== 'w:lvlOverride') continue;
          const lvl = childEl(o, 'w:lvl');
          overrides.set(intAttr(o, 'w:ilvl') ?? 0, {
            start: intAttr(childEl(o, 'w:startOverride')),
            level: lvl ? parseLevel(lvl) : null,
          });
        }
        nums.set(el.attrs['w:numId'] ?? '', { abstractId: childEl(el, 'w:abstractNumId')?.attrs['w:val'] ?? '', overrides });
      }
    }
    const styles = new Map<string, StyleDef>();
    let defaultStyle: string | null = null;
    const stylesRoot = stylesXml ? firstElement(stylesXml) : undefined;
    for (const el of stylesRoot ? elements(stylesRoot) : []) {
      if (el.name !== 'w:style') continue;
      const id = el.attrs['w:styleId'];
      if (!id) continue;
      const numPr = childEl(childEl(el, 'w:pPr'), 'w:numPr');
      styles.set(id, {
        numId: childEl(numPr, 'w:numId')?.attrs['w:val'] ?? null,
        ilvl: intAttr(childEl(numPr, 'w:ilvl')),
        basedOn: childEl(el, 'w:basedOn')?.attrs['w:val'] ?? null,
      });
      if (el.attrs['w:type'] === 'paragraph' && /^(1|true|on)$/.test(el.attrs['w:default'] ?? '')) defaultStyle = id;
    }
    return new Numbering(abstracts, nums, styles, defaultStyle);
  }

  /** The number Word shows in front of the paragraph, with its separator; "" when none. */
  label(p: XElement): string {
    const pPr = childEl(p, 'w:pPr');
    const numPr = childEl(pPr, 'w:numPr');
    let numId = childEl(numPr, 'w:numId')?.attrs['w:val'] ?? null;
    let ilvl = intAttr(childEl(numPr, 'w:ilvl'));
    let styleId = childEl(pPr, 'w:pStyle')?.attrs['w:val'] ?? this.defaultStyle;
    for (let depth = 0; styleId && depth < 20 && (numId === null || ilvl === null); depth++) {
      const style = this.styles.get(styleId);
      if (!style) break;
      if (style.numId !== null) {
        numId ??= style.numId;
        ilvl ??= style.ilvl;
        break;
      }
      styleId = style.basedOn;
    }
    if (numId === null || numId === '0') return '';
    const level = Math.min(Math.max(ilvl ?? 0, 0), 8);
    const num = this.nums.get(numId);
    if (!num) return '';
    const levels = this.levelsOf(num.abstractId, 0);
    const def = (k: number): LevelDef | undefined => num.overrides.get(k)?.level ?? levels?.get(k);
    const start = (k: number): number => num.overrides.get(k)?.start ?? def(k)?.start ?? 1;
    const current = def(level);
    if (!current) return '';
    const key = num.overrides.size > 0 ? `num:${numId}` : `abstract:${num.abstractId}`;
    const counts = this.counters.get(key) ?? [];
    this.counters.set(key, counts);
    counts[level] = counts[level] === undefined ? start(level) : counts[level]! + 1;
    for (let j = level + 1; j < 9; j++) {
      const restart = def(j)?.restart ?? null;
      if (restart === null || (restart > 0 && level <= restart - 1)) counts[j] = undefined;
    }
    if (current.numFmt === 'bullet') return '';
    const text = (current.lvlText ?? `%${level + 1}.`).replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      const fmt = current.isLgl ? 'decimal' : (def(k)?.numFmt ?? 'decimal');
      return formatNumber(counts[k] ?? start(k), fmt);
    });
    // Symbol-font glyphs (private use area) are pictures, not text.
    if (text.trim() === '' || /[\uE000-\uF8FF]/.test(text)) return '';
    return current.suff === 'nothing' ? text : `${text} `;
  }

  private levelsOf(abstractId: string, depth: number): Map<number, LevelDef> | undefined {
    const abstract = this.abstracts.get(abstractId);
    if (!abstract) return undefined;
    if (abstract.styleLink && depth < 5) {
      // A list style: its numbering lives in the num its style points to.
      const numId = this.styles.get(abstract.styleLink)?.numId;
      const target = numId ? this.nums.get(numId) : undefined;
      if (target && target.abstractId !== abstractId) return this.levelsOf(target.abstractId, depth + 1) ?? abstract.levels;
    }
    return abstract.levels;
  }
}

function parseLevel(lvl: XElement): LevelDef {
  return {
    start: intAttr(childEl(lvl, 'w:start')) ?? 1,
    numFmt: childEl(lvl, 'w:numFmt')?.attrs['w:val'] ?? 'decimal',
    lvlText: childEl(lvl, 'w:lvlText')?.attrs['w:val'] ?? null,
    restart: intAttr(childEl(lvl, 'w:lvlRestart')),
    isLgl: childEl(lvl, 'w:isLgl') !== undefined && !/^(0|false|off)$/.test(childEl(lvl, 'w:isLgl')?.attrs['w:val'] ?? ''),
    suff: childEl(lvl, 'w:suff')?.attrs['w:val'] ?? 'tab',
  };
}

const CN_DIGITS = '〇一二三四五六七八九';

function chineseCounting(n: number): string {
  if (n <= 0 || n >= 100000) return String(n);
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  const units = ['', '十', '百', '千', '万'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out !== '') out += '零';
    zero = false;
    out += CN_DIGITS[d]! + unit;
  });
  return out;
}

function enclosed(n: number, first: number, count: number): string {
  return n >= 1 && n <= count ? String.fromCodePoint(first + n - 1) : String(n);
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [value, letters] of table) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}

/** A list number in a w:numFmt; unknown formats as decimal. */
function formatNumber(n: number, numFmt: string): string {
  switch (numFmt) {
    case 'none':
      return '';
    case 'decimalZero':
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
    case 'lowerLetter': {
      if (n <= 0) return String(n);
      const letter = String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.ceil(n / 26));
      return numFmt === 'upperLetter' ? letter : letter.toLowerCase();
    }
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseCounting(n);
    case 'ideographDigital':
    case 'taiwaneseDigital':
    case 'japaneseDigitalTenThousand':
      return String(n).replace(/\d/g, (d) => CN_DIGITS[Number(d)]!);
    case 'chineseLegalSimplified': {
      const legal: Record<string, string> = { 一: '壹', 二: '贰', 三: '叁', 四: '肆', 五: '伍', 六: '陆', 七: '柒', 八: '捌', 九: '玖', 十: '拾', 百: '佰', 千: '仟' };
      const text = n >= 10 && n < 20 ? `一${chineseCounting(n)}` : chineseCounting(n);
      return text.replace(/[一二三四五六七八九十百千]/g, (c) => legal[c] ?? c);
    }
    case 'ideographTraditional':
      return n >= 1 ? '甲乙丙丁戊己庚辛壬癸'[(n - 1) % 10]! : String(n);
    case 'ideographZodiac':
      return n >= 1 ? '子丑寅卯辰巳午未申酉戌亥'[(n - 1) % 12]! : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
    case 'ideographEnclosedCircle':
      return enclosed(n, 0x2460, 20);
    case 'decimalEnclosedParen':
      return enclosed(n, 0x2474, 20);
    case 'decimalEnclosedFullstop':
      return enclosed(n, 0x2488, 20);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    default:
      return String(n);
  }
}
