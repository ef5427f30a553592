/**
 * Terminal output of the CLI: a project's table in the official layout (项目绩效目标表), the
 * project list, and summaries. cli-table3 measures CJK characters as two columns.
 */
import Table from 'cli-table3';
import stringWidth from 'string-width';
import type { Project, TargetValue } from '../../shared/domain/model';
import { formatWan } from '../../shared/domain/money';
import { officialTable, toGrid, type OfficialRow } from '../../shared/domain/official-table';
import type { ProjectSummary } from '../db/document.repository';
import type { LibraryJsonEntry } from '../modules/library/library-json';

const wan = (fen: number | null) => (fen === null ? '' : formatWan(fen));

function terminalWidth(): number {
  return Math.max(80, Math.min(process.stdout.columns ?? (Number(process.env.COLUMNS) || 120), 200));
}

/** Column widths that add up to the terminal's width, in proportion to `weights`. */
function widths(weights: number[]): number[] {
  const available = terminalWidth() - weights.length - 1;
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.max(6, Math.floor((available * w) / sum)));
}

/**
 * Hard-wraps text to a display width. cli-table3 wraps by string length, which cuts Chinese
 * (two columns a character) too late and then truncates; we wrap first, by display width.
 */
export function wrapText(text: string, width: number): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const ch of paragraph) {
      const w = stringWidth(ch);
      if (used + w > width && line !== '') {
        out.push(line);
        line = '';
        used = 0;
      }
      line += ch;
      used += w;
    }
    out.push(line);
  }
  return out.join('\n');
}

type CellInput = string | { content: string; colSpan?: number; rowSpan?: number; hAlign?: 'left' | 'right' | 'center'; vAlign?: 'center' };

/** A table whose cells are wrapped to their columns (spans included) before cli-table3 sees them. */
function table(weights: number[]) {
  const colWidths = widths(weights);
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
export function describeTarget(t: TargetValue): string {
  if (t.kind === 'quantitative') return `${t.operator}${t.valueText}${t.unit ?? '（无单位）'}`;
  return t.kind;
}

/** The project list of `jixiao list`. */
export function renderProjectList(projects: ProjectSummary[]): string {
  const t = table([5, 1, 4, 5, 2, 1]);
  t.push(['单位', '年度', '项目编码', '项目名称', '预算数（万元）', '指标数']);
  for (const p of projects) {
    t.push([
      `${p.departmentCode ?? ''} ${p.departmentName ?? ''}`.trim(),
      p.year === null ? '' : String(p.year),
      p.code ?? '',
      p.name,
      { content: wan(p.budgetTotal), hAlign: 'right' },
      { content: String(p.indicatorCount), hAlign: 'right' },
    ]);
  }
  return t.toString();
}

const ROLE_NAMES = { admin: '系统管理员', reviewer: '审核（财政局绩效科）', editor: '填报（预算单位）' } as const;

/** The demo accounts `serve` and `demo` print: username, password, role, department. */
export function renderLogins(logins: readonly { username: string; password: string; role: keyof typeof ROLE_NAMES; departmentName: string | null }[]): string {
  const t = new Table({ head: ['用户名', '密码', '角色', '单位'], style: { head: [], border: [], compact: true } });
  for (const l of logins) t.push([l.username, l.password, ROLE_NAMES[l.role], l.departmentName ?? '']);
  return `演示账号：\n${t.toString()}`;
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
