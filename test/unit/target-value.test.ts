import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deadline, TargetOperator } from '../../src/shared/domain/model';
import { likelyTargets, parseTargetValue, writtenUnitOf, type TargetShapeContext } from '../../src/shared/domain/target-value';

type Q = [raw: string, operator: TargetOperator, valueText: string, unit: string | null, words?: string | null];

/** Quantitative targets: the table of domain.md first, then every other form the grammar knows. */
const QUANTITATIVE: Q[] = [
  // domain.md
  // a target reached (达到/达) is a floor
  ['达到90%', '≥', '90', '%'],
  ['满意度达95%', '≥', '95', '%', '满意度'],
  ['≥85%', '≥', '85', '%'],
  ['≤10万元', '≤', '10', '万元'],
  ['≦10万元', '≤', '10', '万元'],
  ['<=10万元', '≤', '10', '万元'],
  ['不超过10万元', '≤', '10', '万元'],
  ['4000元以内', '≤', '4000', '元'],
  ['100%', '=', '100', '%'],
  ['1262.16万元', '=', '1262.16', '万元'],
  ['≥2场次', '≥', '2', '场次'],
  ['≥10个', '≥', '10', '个'],
  ['334人', '=', '334', '人'],
  ['≤178平方米', '≤', '178', '平方米'],
  ['≤270天', '≤', '270', '天'],
  ['8万元/队/年', '=', '8', '万元/队/年'],
  ['≤5万元/个', '≤', '5', '万元/个'],
  ['≥100', '≥', '100', null],
  ['98%满意', '=', '98', '%', '满意'],
  ['100%完成', '=', '100', '%', '完成'],
  ['缴费补贴15万元', '=', '15', '万元', '缴费补贴'],
  // operators written as symbols
  ['≧90%', '≥', '90', '%'],
  ['>=90%', '≥', '90', '%'],
  ['＞＝90％', '≥', '90', '%'],
  ['＜＝5天', '≤', '5', '天'],
  ['>3次', '>', '3', '次'],
  ['<5%', '<', '5', '%'],
  ['=100%', '=', '100', '%'],
  // operators written as words, before the number
  ['不低于95%', '≥', '95', '%'],
  ['不少于10人', '≥', '10', '人'],
  ['至少2次', '≥', '2', '次'],
  ['不高于5万元', '≤', '5', '万元'],
  ['控制在4000元以内', '≤', '4000', '元'],
  ['控制在5%', '≤', '5', '%'],
  ['大于90%', '>', '90', '%'],
  ['高于90%', '>', '90', '%'],
  ['超过3次', '>', '3', '次'],
  ['小于5%', '<', '5', '%'],
  ['低于5%', '<', '5', '%'],
  // operators written as words, after the number
  ['95%以上', '≥', '95', '%'],
  ['5个及以上', '≥', '5', '个'],
  ['5%以下', '≤', '5', '%'],
  ['95%(含)以上', '≥', '95', '%'],
  ['95%（含）以上', '≥', '95', '%'],
  ['不低于95%以上', '≥', '95', '%'],
  // conflicting operators: the one before the number wins, the other stays a word
  ['≥5个以内', '≥', '5', '个', '以内'],
  // units
  ['≥1次', '≥', '1', '次'],
  ['≥1场', '≥', '1', '场'],
  ['≤8套', '≤', '8', '套'],
  ['≥5户', '≥', '5', '户'],
  ['12个', '=', '12', '个'],
  ['≤1年', '≤', '1', '年'],
  ['1年', '=', '1', '年'],
  ['3个月', '=', '3', '个月'],
  ['5个工作日', '=', '5', '个工作日'],
  ['200元', '=', '200', '元'],
  ['≥500万元', '≥', '500', '万元'],
  ['10万元/个', '=', '10', '万元/个'],
  ['200元/人/月', '=', '200', '元/人/月'],
  ['≥1次/年', '≥', '1', '次/年'],
  ['不超过3次/年', '≤', '3', '次/年'],
  ['5‰', '=', '5', '‰'],
  ['≥3个百分点', '≥', '3', '个百分点'],
  ['≥10万人次', '≥', '10', '万人次'],
  ['110万', '=', '110', '万元'], // a bare magnitude is read as money; writtenUnitOf keeps the 万
  ['≤10万/个', '≤', '10', '万元/个'],
  ['≥20户次', '≥', '20', '户次'],
  ['≥2篇', '≥', '2', '篇'],
  ['≥4期', '≥', '4', '期'],
  ['≥3家', '≥', '3', '家'],
  ['2所', '=', '2', '所'],
  ['10台', '=', '10', '台'],
  ['5份', '=', '5', '份'],
  ['≥6项', '≥', '6', '项'],
  ['12.5公里', '=', '12.5', '公里'],
  ['300米', '=', '300', '米'],
  ['20吨', '=', '20', '吨'],
  ['100亩', '=', '100', '亩'],
  ['≥8小时', '≥', '8', '小时'],
  ['≥500人次', '≥', '500', '人次'],
  ['3批', '=', '3', '批'],
  ['200张', '=', '200', '张'],
  ['50本', '=', '50', '本'],
  ['1000册', '=', '1000', '册'],
  ['≥90分', '≥', '90', '分'],
  // a month after ≥ is a length of time, not a date
  ['≥6月', '≥', '6', '月'],
  ['0起', '=', '0', '起'],
  ['100km', '=', '100', 'km'],
  // unknown CJK units of 1–3 characters
  ['5栋', '=', '5', '栋'],
  ['5幢以上', '≥', '5', '幢'],
  ['3口', '=', '3', '口'],
  ['2眼以上', '≥', '2', '眼'],
  ['4道/年', '=', '4', '道/年'],
  // words: not units
  ['98满意', '=', '98', null, '满意'],
  ['≥95全部满意', '≥', '95', null, '全部满意'],
  ['5家企业', '=', '5', '家', '企业'],
  ['培训≥100人次', '≥', '100', '人次', '培训'],
  ['覆盖率达95%以上', '≥', '95', '%', '覆盖率'],
  ['资金到位率100%以上按时', '≥', '100', '%', '资金到位率…按时'],
  ['约50人左右', '=', '50', '人', '约…左右'],
  // numbers: full width, thousands separators, decimals, signs
  ['４０００元以内', '≤', '4000', '元'],
  ['1,262.16万元', '=', '1262.16', '万元'],
  ['１，２６２．１６万元', '=', '1262.16', '万元'],
  ['63.00万元', '=', '63.00', '万元'],
  ['0.67万元', '=', '0.67', '万元'],
  ['.5万元', '=', '0.5', '万元'],
  ['≥-5%', '≥', '-5', '%'],
  ['-3%', '=', '-3', '%'],
  // whitespace inside
  ['≥ 85 %', '≥', '85', '%'],
  ['≥　85　%', '≥', '85', '%'],
  ['不低于\n95%', '≥', '95', '%'],
  // ranges: '≥' the lower bound, the upper bound kept as a word
  ['90%-100%', '≥', '90', '%', '≤100%'],
  ['90%~100%', '≥', '90', '%', '≤100%'],
  ['90%～100%', '≥', '90', '%', '≤100%'],
  ['90%—100%', '≥', '90', '%', '≤100%'],
  ['90-100%', '≥', '90', '%', '≤100%'],
  ['90%至100%', '≥', '90', '%', '≤100%'],
  ['3-5次', '≥', '3', '次', '≤5次'],
  ['满意度90%-100%', '≥', '90', '%', '满意度…≤100%'],
  // several numbers: the one after an operator is the target
  ['12345热线接通率≥95%', '≥', '95', '%', '12345热线接通率'],
  ['2025年度预算执行率≥95%', '≥', '95', '%', '2025年度预算执行率'],
  // incidental numbers do not compete with the target
  ['第3季度完成率≥90%', '≥', '90', '%', '第3季度完成率'],
];

type D = [raw: string, deadline: Deadline, words?: string | null];
const dl = (year: number | null, month: number | null, day: number | null, endOfPeriod: boolean): Deadline => ({
  year,
  month,
  day,
  endOfPeriod,
});

const DEADLINES: D[] = [
  ['2025年12月底前', dl(2025, 12, null, true)],
  ['12月底前完成', dl(null, 12, null, true), '完成'],
  ['年底前完成', dl(null, 12, null, true), '完成'],
  ['2025年12月31日前', dl(2025, 12, 31, false)],
  ['12月31日', dl(null, 12, 31, false)],
  ['12月31号前', dl(null, 12, 31, false)],
  ['2025年底', dl(2025, 12, null, true)],
  ['2025年6月底前', dl(2025, 6, null, true)],
  ['2025年3月底前', dl(2025, 3, null, true)],
  ['当年完成', dl(null, 12, null, true), '完成'],
  ['本年度内完成', dl(null, 12, null, true), '完成'],
  ['年内完成', dl(null, 12, null, true), '完成'],
  ['1年内', dl(null, null, null, false)],
  ['一年内完成', dl(null, null, null, false), '完成'],
  ['3个月内', dl(null, null, null, false)],
  ['10个工作日内', dl(null, null, null, false)],
  ['≤2025年度', dl(2025, 12, null, true)],
  ['2025年', dl(2025, 12, null, true)],
  ['2025年内', dl(2025, 12, null, true)],
  ['截止2025年12月31日', dl(2025, 12, 31, false)],
  ['不晚于2025年11月30日', dl(2025, 11, 30, false)],
  ['2025-12-31', dl(2025, 12, 31, false)],
  ['2025.06.30前', dl(2025, 6, 30, false)],
  ['6月', dl(null, 6, null, false)],
  ['6月底', dl(null, 6, null, true)],
  ['上半年', dl(null, 6, null, true)],
  ['下半年完成', dl(null, 12, null, true), '完成'],
  ['第三季度末', dl(null, 9, null, true)],
  ['2025年3月至12月', dl(2025, 12, null, false)],
  ['2025年1-12月', dl(2025, 12, null, false)],
  ['3至6月底', dl(null, 6, null, true)],
  ['上半年内', dl(null, 6, null, true)],
  ['12月31日内', dl(null, 12, 31, false)],
  ['年底前全面完成整改任务', dl(null, 12, null, true), '全面完成整改任务'],
  ['２０２５年１２月底前', dl(2025, 12, null, true)],
  // a date with only an incidental number
  ['2025年12月底前完成第3期', dl(2025, 12, null, true), '完成第3期'],
];

const QUALITATIVE = [
  '显著提高',
  '有效保障',
  '得到提升',
  '优',
  '健全',
  '合规',
  '成效明显',
  '进一步提高',
  '志愿服务水平得到提升',
  '及时',
  '/',
  '-',
  '无',
  '≥',
  // numbers that are not targets
  '5G基站',
  '第3期',
  '1.完成培训',
  '(1)按时发放',
  '符合《预算法》第32条',
  '按照冀财预〔2023〕5号文件执行',
  '达到5A级标准',
  '执行ISO9001标准',
  // several numbers, none marked as the target
  '≥2场次，≥100人',
  '1:1配套',
  '完成1个，推进2个',
  // a bare number in prose
  '按照市里统一部署和要求组织开展各项工作并完成3',
];

describe('parseTargetValue', () => {
  it.each(QUANTITATIVE)('%s is quantitative', (raw, operator, valueText, unit, words = null) => {
    const t = parseTargetValue(raw);
    expect(t).toEqual({
      raw: raw.trim(),
      kind: 'quantitative',
      operator,
      value: Number(valueText),
      valueText,
      unit,
      deadline: null,
      start: null,
      words,
      standard: null,
    });
  });

  it('a date with a number: the number is the target, the date by which it is due kept too (issue 31)', () => {
    expect(parseTargetValue('12月底前完成100%')).toEqual({
      raw: '12月底前完成100%',
      kind: 'quantitative',
      operator: '=',
      value: 100,
      valueText: '100',
      unit: '%',
      deadline: { year: null, month: 12, day: null, endOfPeriod: true },
      start: null,
      words: '12月底前完成',
      standard: null,
    });
    expect(parseTargetValue('2025年6月30日前完成率≥95%')).toMatchObject({ kind: 'quantitative', operator: '≥', value: 95, deadline: { year: 2025, month: 6, day: 30 } });
    // a year that is no date by which anything is due stays a word
    expect(parseTargetValue('2025年度预算执行率≥95%').deadline).toBeNull();
  });

  it('a standard with a number cited (按每人1000元标准发放) is qualitative; a day in every quarter a deadline (issue 31)', () => {
    expect(parseTargetValue('按每人1000元标准发放')).toMatchObject({ kind: 'qualitative', value: null, standard: '每人1000元标准', words: '发放' });
    expect(parseTargetValue('按照每人每月200元的标准')).toMatchObject({ kind: 'qualitative', value: null, standard: '每人每月200元标准' });
    expect(parseTargetValue('每季度末月20日前')).toMatchObject({ kind: 'deadline', value: null, deadline: { year: null, month: null, day: 20 } });
    expect(parseTargetValue('每月10日前完成')).toMatchObject({ kind: 'deadline', deadline: { day: 10 }, words: '每月…完成' });
  });

  it.each(DEADLINES)('%s is a deadline', (raw, deadline, words = null) => {
    expect(parseTargetValue(raw)).toEqual({
      raw,
      kind: 'deadline',
      operator: null,
      value: null,
      valueText: null,
      unit: null,
      deadline,
      start: null,
      words,
      standard: null,
    });
  });

  it.each(QUALITATIVE)('%s is qualitative', (raw) => {
    expect(parseTargetValue(raw)).toEqual({
      raw,
      kind: 'qualitative',
      operator: null,
      value: null,
      valueText: null,
      unit: null,
      deadline: null,
      start: null,
      words: null,
      standard: null,
    });
  });

  it.each(['', ' ', '\t\n', '\u3000', '\u200b'])('%j is empty', (raw) => {
    expect(parseTargetValue(raw)).toMatchObject({ raw: raw.trim(), kind: 'empty', operator: null, value: null, unit: null });
  });

  it('keeps the original trimmed text as raw', () => {
    expect(parseTargetValue('  ≥　８５％ \n').raw).toBe('≥　８５％');
  });

  it('tells 1年内 (deadline) from ≤1年 and 1年 (quantitative)', () => {
    expect(parseTargetValue('1年内').kind).toBe('deadline');
    expect(parseTargetValue('≤1年')).toMatchObject({ kind: 'quantitative', operator: '≤', value: 1, unit: '年' });
    expect(parseTargetValue('1年')).toMatchObject({ kind: 'quantitative', operator: '=', value: 1, unit: '年' });
  });

  it('never throws, keeps raw trimmed, and gives quantitative targets an exact number', () => {
    const alphabet = fc.constantFrom(
      ...'0123456789.,%‰-~/ 　\n０１２％．，＜＞＝≥≤≧≦<>=年月日底前内以上以下以内不低于超过控制在万元个人次场天米第《》〔〕()（）含满意完成ABCmk半一十'.split(''),
    );
    const cellLike = fc.array(alphabet, { maxLength: 24 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), cellLike), (s) => {
        const t = parseTargetValue(s);
        expect(t.raw).toBe(s.trim());
        if (t.kind === 'quantitative') {
          expect(t.value).not.toBeNull();
          expect(t.valueText).not.toBeNull();
          expect(Number(t.valueText)).toBe(t.value);
          expect(t.operator).not.toBeNull();
        } else {
          expect(t.value).toBeNull();
          expect(t.valueText).toBeNull();
          expect(t.operator).toBeNull();
        }
        // a quantitative target may have the date it is due by (issue 31: "12月底前100%到位")
        if (t.kind === 'deadline') expect(t.deadline).not.toBeNull();
        else if (t.kind !== 'quantitative') expect(t.deadline).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});

/**
 * The 指标值 cells of the fixture documents. Text extraction of the Word tables: a cell starts
 * with a tab, its further lines have none, rows are separated by blank lines (and blank lines may
 * also fall inside a row). So the cells after the header row 一级指标…指标值确定依据 are read as
 * one stream and cut into rows of six; the table ends at a line without a tab that follows a
 * blank line or carries a Word bookmark (the next table's title).
 */
function fixtureTargets(): { file: string; line: number; text: string }[] {
  const dir = path.resolve(process.cwd(), '../shared/fixtures/documents');
  const out: { file: string; line: number; text: string }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const lines = readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/);
    let cells: { line: number; text: string }[] | null = null;
    let inHeader = false;
    let prevBlank = false;
    const finish = (): void => {
      for (let i = 0; cells && i + 6 <= cells.length; i += 6) out.push({ file, ...cells[i + 4]! });
      cells = null;
    };
    lines.forEach((l, index) => {
      const blank = l.trim() === '';
      if (l.startsWith('\t') && l.slice(1).trim() === '一级指标') {
        finish();
        cells = [];
        inHeader = true;
      } else if (cells !== null) {
        if (inHeader) inHeader = !blank;
        else if (l.startsWith('\t')) cells.push({ line: index + 1, text: l.slice(1) });
        else if (blank) {
          // a row break, or a blank line inside a row: the stream of cells does not care
        } else if (/^\s*\[bookmark/.test(l) || prevBlank || cells.length === 0) finish();
        else cells[cells.length - 1]!.text += `\n${l}`;
      }
      prevBlank = blank;
    });
    finish();
  }
  return out;
}

describe('parseTargetValue on the fixture documents', () => {
  const targets = fixtureTargets();

  it('finds the indicator rows of all four documents', () => {
    expect(new Set(targets.map((t) => t.file)).size).toBe(4);
    expect(targets.length).toBeGreaterThan(250);
  });

  it('gives no quantitative target an implausible unit', () => {
    const bad = targets
      .map((t) => ({ ...t, parsed: parseTargetValue(t.text) }))
      .filter(
        ({ parsed }) =>
          parsed.kind === 'quantitative' &&
          parsed.unit !== null &&
          (parsed.unit.length > 8 || /[\d\s,，。；;:：、()（）《》]/.test(parsed.unit)),
      )
      .map(({ file, line, text, parsed }) => `${file}:${line} ${text} → ${parsed.unit}`);
    expect(bad).toEqual([]);
  });

  it('reads every cell that starts with an operator or a digit as a number or a date', () => {
    const unread = targets
      .filter((t) => /^\s*[≥≤<>=\d]/.test(t.text))
      .filter((t) => parseTargetValue(t.text).kind === 'qualitative')
      .map((t) => `${t.file}:${t.line} ${t.text}`);
    expect(unread).toEqual([]);
  });
});

describe('values of other provinces\' layouts', () => {
  it.each([
    ['=98.00(%)', '=', 98, '98.00', '%'],
    ['≥85.00(%)', '≥', 85, '85.00', '%'],
    ['=12(个)', '=', 12, '12', '个'],
    ['≥50M', '≥', 50, '50', '米'],
    ['120万', '=', 120, '120', '万元'],
    ['6台', '=', 6, '6', '台'],
    ['≥3条', '≥', 3, '3', '条'],
    ['3条', '=', 3, '3', '条'],
  ] as const)('%s → %s %s %s', (raw, operator, value, valueText, unit) => {
    const t = parseTargetValue(raw);
    expect(t).toMatchObject({ raw, kind: 'quantitative', operator, value, valueText, unit, words: null, standard: null, start: null });
  });

  it('a number before 号/条 after words is a reference, not a count', () => {
    expect(parseTargetValue('依据5号文件执行').kind).toBe('qualitative');
    expect(parseTargetValue('符合第3条规定').kind).toBe('qualitative');
  });

  it('a bracketed unit is only a unit right after the number', () => {
    expect(parseTargetValue('完成(%)').kind).toBe('qualitative');
  });

  it.each([
    ['2024.03-2024.11', { year: 2024, month: 3 }, { year: 2024, month: 11 }],
    ['2024年3月至2024年11月', { year: 2024, month: 3 }, { year: 2024, month: 11 }],
    ['202101-202112', { year: 2021, month: 1 }, { year: 2021, month: 12 }],
  ])('%s is a period, not a number', (raw, start, end) => {
    const t = parseTargetValue(raw);
    expect(t.kind).toBe('period');
    expect(t.value).toBeNull();
    expect(t.start).toEqual({ ...start, day: null, endOfPeriod: false });
    expect(t.deadline).toEqual({ ...end, day: null, endOfPeriod: false });
  });

  it('a standard written in brackets after the value is the standard, not part of it', () => {
    expect(parseTargetValue('2024年10月(计划标准)')).toMatchObject({
      kind: 'deadline',
      deadline: { year: 2024, month: 10, day: null, endOfPeriod: false },
      standard: '计划标准',
      words: null,
    });
    expect(parseTargetValue('≥95%（行业标准）')).toMatchObject({ kind: 'quantitative', operator: '≥', value: 95, unit: '%', standard: '行业标准' });
  });

  it('writtenUnitOf gives the unit as written, before aliases', () => {
    expect(writtenUnitOf('≤10万')).toBe('万');
    expect(writtenUnitOf('≥50M')).toBe('M');
    expect(writtenUnitOf('≤10万元')).toBe('万元');
    expect(writtenUnitOf('显著提高')).toBeNull();
  });
});

describe('likelyTargets: a target read by OCR whose shape is no target\'s (issue 69)', () => {
  const ctx = (o: Partial<TargetShapeContext> = {}): TargetShapeContext => ({ rate: false, signed: false, prefer: '≥', ...o });

  it('≥ read as 2: a rate then over 100% (295% of a 满意度), or a table whose targets have signs (280M among ≥85%)', () => {
    expect(likelyTargets('295%', ctx({ rate: true }))).toEqual(['≥95%']);
    expect(likelyTargets('2100%', ctx({ rate: true }))).toEqual(['≥100%']);
    expect(likelyTargets('280M', ctx({ signed: true }))).toEqual(['≥80M']);
    expect(likelyTargets('285%', ctx({ rate: true, signed: true }))).toEqual(['≥85%']);
    // a number that starts with 2 in a table without signs, or a rate that stays under 100: a number
    expect(likelyTargets('280M', ctx())).toBeNull();
    expect(likelyTargets('25%', ctx({ rate: true }))).toBeNull();
    expect(likelyTargets('2000人次', ctx({ signed: true }))).toBeNull();
    expect(likelyTargets('2025年12月底前', ctx({ signed: true }))).toBeNull();
  });

  it('三 or 二 before a number is never a target\'s start: ≥ or ≤, the indicator\'s likelier first', () => {
    expect(likelyTargets('三100%', ctx({ rate: true }))).toEqual(['≥100%', '≤100%']);
    expect(likelyTargets('三10万元', ctx({ prefer: '≤' }))).toEqual(['≤10万元', '≥10万元']);
    expect(likelyTargets('二5次', ctx())).toEqual(['≥5次', '≤5次']);
  });

  it('= < > before a number only in a table of signed targets; z always reads ≥', () => {
    expect(likelyTargets('=1次', ctx({ signed: true }))).toEqual(['≥1次', '≤1次']);
    expect(likelyTargets('=1次', ctx())).toBeNull();
    expect(likelyTargets('<10万元', ctx({ signed: true }))).toEqual(['≤10万元']);
    expect(likelyTargets('>90%', ctx({ signed: true, rate: true }))).toEqual(['≥90%']);
    expect(likelyTargets('z90%', ctx())).toEqual(['≥90%']);
  });

  it('a target that has its shape, or no number after the stand-in, has no likely reading', () => {
    for (const raw of ['≥95%', '≤10万元', '100%', '三个月内完成', '=', '2', '优', '逐步提高']) expect(likelyTargets(raw, ctx({ rate: true, signed: true })), raw).toBeNull();
  });
});
