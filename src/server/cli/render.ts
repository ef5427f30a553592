/**
 * Terminal output of the CLI: a project's table in the official layout (项目绩效目标表), the
 * project list, and summaries. cli-table3 measures CJK characters as two columns.
 */
import Table from 'cli-table3';
import stringWidth from 'string-width';
import type { Project, TargetValue } from '../../shared/domain/model';
import { formatWan } from '../../shared/domain/money';
import { chinaTime } from '../../shared/audit/log-entry';
import { officialTable, toGrid, type OfficialRow } from '../../shared/domain/official-table';
import type { ProjectSummary } from '../db/document.repository';
import type { LibraryJsonEntry } from '../modules/library/library-json';

/**
 * A value as JSON for the terminal: every character kept, those a terminal would act on escaped — JSON.stringify
 * escapes C0 itself; DEL and C1 (U+0080–U+009F, which some terminals take for escape sequences) as \u007f … (issue 72).
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const wan = (fen: number | null) => (fen === null ? '' : formatWan(fen));

function terminalWidth(): number {
  return Math.max(80, Math.min(process.stdout.columns ?? (Number(process.env.COLUMNS) || 120), 200));
}

/**
 * Column widths that add up to the terminal's width: a column with a `fixed` width (its content's
 * widest line, so that codes and numbers are never cut) gets it, the others share the rest in
 * proportion to `weights`.
 */
function widths(weights: number[], fixed: readonly (number | undefined)[] = []): number[] {
  const taken = fixed.reduce<number>((n, w) => n + (w ?? 0) + 2, 0);
  const available = terminalWidth() - weights.length - 1 - taken;
  const sum = weights.reduce((a, b, i) => a + (fixed[i] === undefined ? b : 0), 0);
  return weights.map((w, i) => (fixed[i] !== undefined ? fixed[i]! + 2 : Math.max(6, Math.floor((available * w) / sum))));
}

/** The display width of the widest line of any of `texts`. */
export const widest = (texts: readonly string[]): number => Math.max(0, ...texts.flatMap((t) => t.split('\n').map((line) => stringWidth(line))));

/**
 * Hard-wraps text to a display width. cli-table3 wraps by string length, which cuts Chinese
 * (two columns a character) too late and then truncates; we wrap first, by display width.
 */
export function wrapText(text: string, width: number): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    const push = (piece: string, w: number) => {
      if (used + w > width && line !== '') {
        out.push(line);
        line = '';
        used = 0;
      }
      line += piece;
      used += w;
    };
    // A run of Latin letters and digits (a code, a number, a word) moves whole to the next line
    // when it fits there; Chinese wraps between any two characters.
    for (const [token] of paragraph.matchAll(/[A-Za-z0-9.,%+\-_/]+|./gsu)) {
      const w = stringWidth(token);
      if (token.length > 1 && w <= width) push(token, w);
      else for (const ch of token) push(ch, stringWidth(ch));
    }
    out.push(line);
  }
  return out.join('\n');
}

type CellInput = string | { content: string; colSpan?: number; rowSpan?: number; hAlign?: 'left' | 'right' | 'center'; vAlign?: 'center' };

/** A table whose cells are wrapped to their columns (spans included) before cli-table3 sees them. */
export function table(weights: number[], fixed: readonly (number | undefined)[] = []) {
  const colWidths = widths(weights, fixed);
  const t = new Table({ colWidths, style: { head: [], border: [] } });
  return {
    push(...rows: CellInput[][]) {
      for (const row of rows) {
        let col = 0;
        const wrapped = row.map((cell) => {
          const c = typeof cell === 'string' ? { content: cell } : cell;
          const span = c.colSpan ?? 1;
          // a cell spanning columns also gets the borders between them; 2 columns of padding
          const width = colWidths.slice(col, col + span).reduce((a, b) => a + b, 0) + span - 1 - 2;
          col += span;
          return { ...c, content: wrapText(c.content, Math.max(2, width)) };
        });
        t.push(wrapped);
      }
    },
    toString: () => t.toString(),
  };
}

/** Rows of the official row model as a terminal table: the same cells, spans and merges. */
function renderRows(rows: readonly OfficialRow[]): string {
  const grid = toGrid([...rows]);
  const t = table(grid.columns);
  t.push(
    ...grid.rows.map((row) =>
      row.cells.map((c) => ({
        content: c.lines.join('\n'),
        ...(c.colSpan > 1 ? { colSpan: c.colSpan } : {}),
        ...(c.rowSpan > 1 ? { rowSpan: c.rowSpan, vAlign: 'center' as const } : {}),
        ...(c.align === 'right' ? { hAlign: 'right' as const } : {}),
      })),
    ),
  );
  return t.toString();
}

/** The project's table as the published documents lay it out (shared/domain/official-table.ts). */
export function renderProject(p: Project, documentTitle?: string): string {
  const official = officialTable(p);
  const narrative = p.narrative.flatMap((s) => [...(s.title ? [`【${s.title}】`] : []), s.text]);
  return [
    documentTitle ? `${documentTitle}\n` : '',
    ...(narrative.length > 0 ? ['项目经费情况说明', ...narrative, ''] : []),
    official.title ?? `${p.name}绩效目标表`,
    renderRows(official.main),
    renderRows(official.indicators),
    ...(official.longTermIndicators.length > 0 ? ['长期绩效指标', renderRows(official.longTermIndicators)] : []),
  ].join('\n');
}

/** A compact description of a parsed target value, for `parse` without --json. */
export function describeTarget(t: TargetValue): string | null {
  if (t.kind === 'quantitative') return `${t.operator}${t.valueText}${t.unit ?? '（无单位）'}`;
  if (t.kind === 'deadline' || t.kind === 'period') return t.raw;
  return null;
}

/** The project list of `jixiao list`: units and names wrap, years, codes and numbers never do. */
export function renderProjectList(projects: ProjectSummary[]): string {
  const head = ['单位', '年度', '项目编码', '项目名称', '预算数\n（万元）', '指标数'];
  const rows = projects.map((p) => [
    `${p.departmentCode ?? ''} ${p.departmentName ?? ''}`.trim(),
    p.year === null ? '' : String(p.year),
    p.code ?? '',
    p.name,
    wan(p.budgetTotal),
    String(p.indicatorCount),
  ]);
  const fixed = [undefined, 1, 2, undefined, 4, 5].map((c) => (c === undefined ? undefined : widest([head[c]!, ...rows.map((r) => r[c]!)])));
  const t = table([3, 0, 0, 4, 0, 0], fixed);
  t.push(head);
  for (const r of rows) t.push([r[0]!, r[1]!, r[2]!, r[3]!, { content: r[4]!, hAlign: 'right' }, { content: r[5]!, hAlign: 'right' }]);
  return t.toString();
}

const ROLE_NAMES = {
  admin: '系统管理员（账号、设置）',
  security: '安全管理员（授权、策略）',
  auditor: '安全审计员（日志）',
  reviewer: '审核（财政局绩效科）',
  supervisor: '审核（主管部门）',
  section: '审核（财政业务科室）',
  editor: '填报（预算单位）',
  unassigned: '未分配角色',
} as const;

/** The demo accounts `serve` and `demo` print: username, password, role, department. */
export function renderLogins(logins: readonly { username: string; password: string; role: keyof typeof ROLE_NAMES; departmentName: string | null }[]): string {
  const t = new Table({ head: ['用户名', '密码', '角色', '单位'], style: { head: [], border: [], compact: true } });
  for (const l of logins) t.push([l.username, l.password, ROLE_NAMES[l.role], l.departmentName ?? '']);
  return `演示账号：\n${t.toString()}`;
}

/** Accounts the operator made or reset, with their one-time codes (printed once): username, code, role, valid until. */
export function renderOneTimeCodes(codes: readonly { username: string; code: string; role: keyof typeof ROLE_NAMES; expiresAt: string }[]): string {
  const t = new Table({ head: ['用户名', '一次性密码', '角色', '有效至'], style: { head: [], border: [], compact: true } });
  for (const c of codes) t.push([c.username, c.code, ROLE_NAMES[c.role], chinaTime(c.expiresAt)]);
  return `${t.toString()}
一次性密码只显示这一次，在有效期内只能登录一次：请交给账号的本人（每个账号一人），登录后须改为只有本人知道的密码。`;
}

/** The entries of `jixiao library`: name, category, use, targets (median and quartiles in the main unit), usual basis. */
export function renderLibrary(entries: readonly LibraryJsonEntry[]): string {
  const t = table([5, 4, 1, 1, 1, 2, 4, 3]);
  t.push(['指标', '一级 / 二级指标', '项目', '单位', '年度', '计量单位', '指标值（中位数，四分位，个数）', '常用依据']);
  for (const e of entries) {
    const unit = e.units[0] ?? '';
    t.push([
      e.name,
      `${e.level1 ?? '（未归类）'} / ${e.level2 ?? '（未归类）'}`,
      { content: String(e.projects), hAlign: 'right' },
      { content: String(e.departments), hAlign: 'right' },
      { content: String(e.years), hAlign: 'right' },
      e.units.map((u) => u || '（无）').join(' '),
      e.target === null ? '定性' : `${e.target.median}${unit}（${e.target.p25}–${e.target.p75}，${e.target.count} 个）`,
      e.bases[0] ?? '',
    ]);
  }
  return `${t.toString()}\n共 ${entries.length} 个指标`;
}
