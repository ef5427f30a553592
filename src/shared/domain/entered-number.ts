/**
 * A number a person typed for an indicator (a monitoring round's value, a self-evaluation's actual),
 * read as the decimal text to store (issue 58: one reading for the server and the browser's live
 * check). Exactly as written ("12.50" stays "12.50"); full-width digits, thousands separators and
 * the target's own unit after the number ("85%", "334人") are accepted, and a unit of the same kind
 * is converted to the target's (8个月 against 年: 0.6667, shared/domain/unit-convert.ts).
 */
import { toHalfWidth } from './text';
import { convertUnit } from './unit-convert';

const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * An entered number as the decimal text to store, exactly as written: "12.50" stays "12.50"; a
 * JSON number is its shortest decimal; full-width digits, thousands separators and the target's
 * own unit after the number ("85%", "334人") are accepted. Blank is null.
 * @example parseEnteredNumber('１,234.5人', '人') // { ok: true, text: '1234.5' }
 */
export function parseEnteredNumber(
  value: unknown,
  unit: string | null,
): { ok: true; text: string | null } | { ok: false; message: string } {
  if (value === null || value === undefined) return { ok: true, text: null };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, message: '不是有效的数值' };
    const s = String(value);
    return DECIMAL.test(s) ? { ok: true, text: s } : { ok: false, message: `数值 ${s} 超出范围` };
  }
  if (typeof value !== 'string') return { ok: false, message: '应为数值' };
  let s = toHalfWidth(value).replace(/[\s,，]/g, '');
  if (s === '') return { ok: true, text: null };
  if (unit !== null && unit !== '' && s.endsWith(unit) && s.length > unit.length) s = s.slice(0, -unit.length);
  else if (s.endsWith('%') && unit === '%') s = s.slice(0, -1);
  else {
    // another unit of the same kind as the target's (8个月 against 1年, 3000元 against 万元): converted (issue 58)
    const written = /^([+-]?\d+(?:\.\d+)?)([^\d.+-][^\d]*)$/.exec(s);
    if (written !== null && unit !== null && unit !== '') {
      const converted = convertUnit(written[1]!, written[2]!, unit);
      if (converted === null) return { ok: false, message: `“${value.trim().slice(0, 20)}”的单位“${written[2]}”不能换算为指标值的单位“${unit}”，请按${unit}填写` };
      s = converted;
    }
  }
  if (!DECIMAL.test(s)) {
    const shown = value.trim().length > 20 ? `${value.trim().slice(0, 20)}…` : value.trim();
    return { ok: false, message: `“${shown}”不是数值${unit ? `（单位：${unit}）` : ''}` };
  }
  if (s.length > 40) return { ok: false, message: '数值过长' };
  return { ok: true, text: s.startsWith('+') ? s.slice(1) : s };
}
