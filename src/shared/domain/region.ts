/**
 * The region tree (行政区划): six-digit division codes, 省 → 市 → 县/区. Pure: the level and the
 * ancestors of a code follow from its digits (GB/T 2260), the parent of a region is its nearest
 * ancestor that the tree holds (a 直辖市's districts hang under the province when its 市辖区 row
 * 110100 is absent; a 省直辖县级行政区划 such as 429004 hangs under the province too).
 *
 * A region's subtree is a range of codes: a province xx0000 holds every code xx0000–xx9999, a city
 * xxyy00 every code xxyy00–xxyy99, a county only itself. `subtreeRange` gives the bounds a query
 * filters by (text comparison of six-digit codes, code point order on both databases).
 */

export type RegionLevel = 'province' | 'city' | 'county';

export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = { province: '省', city: '市', county: '县/区' };

/** A region as the tree stores it. */
export interface Region {
  code: string;
  name: string;
  parentCode: string | null;
  level: RegionLevel;
}

const CODE = /^\d{6}$/;

/** Whether `code` is a six-digit division code (not 000000, no zero province). */
export function isRegionCode(code: string): boolean {
  return CODE.test(code) && !code.startsWith('00');
}

/** 省 for xx0000, 市 for xxyy00, else 县/区. */
export function regionLevel(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The codes above `code` by its digits, nearest first: 130202 → [130200, 130000]; 130200 → [130000]. */
export function ancestorCodes(code: string): string[] {
  const level = regionLevel(code);
  if (level === 'province') return [];
  const province = `${code.slice(0, 2)}0000`;
  if (level === 'city') return [province];
  return [`${code.slice(0, 4)}00`, province];
}

/** Whether `code` is `ancestor` or lies below it (by the digits: the subtree is a prefix). */
export function isWithin(code: string, ancestor: string): boolean {
  if (code === ancestor) return true;
  return ancestorCodes(code).includes(ancestor);
}

/** The codes of `ancestor`'s subtree as an inclusive range of text: lo ≤ code ≤ hi. */
export function subtreeRange(ancestor: string): { lo: string; hi: string } {
  switch (regionLevel(ancestor)) {
    case 'province':
      return { lo: ancestor, hi: `${ancestor.slice(0, 2)}9999` };
    case 'city':
      return { lo: ancestor, hi: `${ancestor.slice(0, 4)}99` };
    case 'county':
      return { lo: ancestor, hi: ancestor };
  }
}

/** The parent of `code` among `known` codes: its nearest ancestor the tree holds, else null. */
export function parentIn(code: string, known: ReadonlySet<string>): string | null {
  return ancestorCodes(code).find((a) => known.has(a)) ?? null;
}

/**
 * The division code a project code starts with, as written: codePrefixRegion('13020225P008911100023') = '130202'. The
 * settings (monitoring, self-evaluation, ex-ante) are chosen by it.
 */
export function codePrefixRegion(code: string | null | undefined): string | null {
  const m = /^(\d{6})\d{2}[A-Z]/.exec(code ?? '');
  return m ? m[1]! : null;
}

/** The six-digit region that starts a project code, when it is a region code: 13020225P008911100023 → 130202. */
export function regionOfProjectCode(code: string | null | undefined): string | null {
  const prefix = codePrefixRegion(code);
  return prefix !== null && isRegionCode(prefix) ? prefix : null;
}

/** The region most of the project codes name (the smallest among equals), or null: a document's region by its codes. */
export function mostFrequentCodeRegion(codes: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const code of codes) {
    const r = regionOfProjectCode(code);
    if (r !== null) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [r, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && r < best)) best = r;
  return best;
}

/** One line of a region file: where it was read (1-based line or item), code and name as written. */
export interface RegionLine {
  line: number;
  code: string;
  name: string;
}

export interface RegionIssue {
  line: number;
  message: string;
}

/**
 * Checks the lines of a region file and makes the tree: every code six digits, every name given,
 * no code twice; parents derived from the codes (the nearest ancestor in the file). Returns the
 * regions in code order, or the issues, each naming its line.
 */
export function buildRegionTree(lines: readonly RegionLine[]): { regions: Region[]; issues: RegionIssue[] } {
  const issues: RegionIssue[] = [];
  const seen = new Map<string, number>();
  const ok: RegionLine[] = [];
  for (const l of lines) {
    const code = l.code.trim();
    const name = l.name.trim();
    if (!isRegionCode(code)) {
      issues.push({ line: l.line, message: `第 ${l.line} 行：区划代码“${l.code}”应为六位数字` });
      continue;
    }
    if (name === '') {
      issues.push({ line: l.line, message: `第 ${l.line} 行：区划 ${code} 缺少名称` });
      continue;
    }
    if (name.length > 100) {
      issues.push({ line: l.line, message: `第 ${l.line} 行：区划 ${code} 的名称超过 100 个字符` });
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      issues.push({ line: l.line, message: `第 ${l.line} 行：区划代码 ${code} 与第 ${first} 行重复` });
      continue;
    }
    seen.set(code, l.line);
    ok.push({ line: l.line, code, name });
  }
  if (issues.length > 0) return { regions: [], issues };
  const known = new Set(ok.map((l) => l.code));
  const regions = ok
    .map((l) => ({ code: l.code, name: l.name, parentCode: parentIn(l.code, known), level: regionLevel(l.code) }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { regions, issues };
}

/**
 * Reads a region file: JSON (an array of {code, name}, or {regions: [...]}) or CSV (code,name per
 * line; a header line naming 代码/code is skipped; quotes around a field are removed). Lines are
 * numbered as in the file (items from 1 for JSON).
 */
export function readRegionFile(text: string): { lines: RegionLine[]; issues: RegionIssue[] } {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (e) {
      return { lines: [], issues: [{ line: 0, message: `JSON 格式错误：${(e as Error).message}` }] };
    }
    const items = Array.isArray(data) ? data : (data as { regions?: unknown }).regions;
    if (!Array.isArray(items)) return { lines: [], issues: [{ line: 0, message: 'JSON 应为 [{"code":"…","name":"…"}] 形式的数组' }] };
    const lines: RegionLine[] = [];
    const issues: RegionIssue[] = [];
    items.forEach((item, i) => {
      const o = item as { code?: unknown; name?: unknown };
      if (typeof o !== 'object' || o === null || (typeof o.code !== 'string' && typeof o.code !== 'number') || typeof o.name !== 'string') {
        issues.push({ line: i + 1, message: `第 ${i + 1} 项：应包含 code（区划代码）和 name（名称）` });
        return;
      }
      lines.push({ line: i + 1, code: String(o.code), name: o.name });
    });
    return { lines, issues };
  }
  const lines: RegionLine[] = [];
  const issues: RegionIssue[] = [];
  body.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const cells = raw.split(/[,，\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
    if (line === 1 && !/^\d/.test(cells[0] ?? '') && /代码|code/i.test(cells[0] ?? '')) return;
    if (cells.length < 2) {
      issues.push({ line, message: `第 ${line} 行：应为“区划代码,名称”` });
      return;
    }
    lines.push({ line, code: cells[0]!, name: cells.slice(1).join(',').trim() });
  });
  return { lines, issues };
}

/** The full name of a region by its ancestors in `byCode`: 河北省唐山市路南区 (each name once). */
export function regionPath(code: string, byCode: ReadonlyMap<string, { name: string; parentCode: string | null }>): string[] {
  const path: string[] = [];
  let at: string | null = code;
  while (at !== null && path.length < 3) {
    const r = byCode.get(at);
    if (!r) break;
    path.unshift(r.name);
    at = r.parentCode;
  }
  return path;
}
