/**
 * The official 项目绩效目标表 drawn as HTML from the shared row model (merged cells as rowSpan/
 * colSpan, same rows, same order), with review findings and reviewer comments pinned to the
 * cells they concern.
 */
import { CommentOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { useMemo, type ReactNode } from 'react';
import type { DepartmentTargets, NarrativeSection, Project, Severity } from '../../shared/domain/model';
import { anchorOf, departmentTargetsTable, officialTable, TEXT_WIDTH, toGrid, type GridCell, type GridRow, type OfficialRow } from '../../shared/domain/official-table';
import type { FindingView as Finding, ReviewComment } from '../api/types';
import { formatDateTime } from '../lib/format';
import { commentAnchor, SEVERITY_LABELS } from '../lib/labels';
import { roundDecimalsInText } from '../../shared/domain/money';
import { ScrollArea } from './plain';

/** The anchors of the table's amount cells (budget lines, the whole project's money, the spending plan, a duty's amount). */
const AMOUNT_ANCHOR = /^(budget|projectBudget)\.|^spendingPlan|^duties\.\d+\.amount$|^funding/;

interface Props {
  project: Project;
  findings?: readonly Finding[];
  comments?: readonly ReviewComment[];
  /** The anchor to highlight (a finding or comment chosen in a list). */
  focus?: string | null;
  /** Adds the class that the print stylesheet prints alone. */
  printable?: boolean;
  onCellClick?: (anchors: string[]) => void;
  /** Printed with the table, above it: what version of the targets it is (目标调整, issue 58). */
  before?: ReactNode;
  /** Printed with the table, below it: the adjustments' notes. */
  after?: ReactNode;
}

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

/** The worst severity of some findings. */
function worst(findings: readonly Finding[]): Severity | null {
  return SEVERITY_ORDER.find((s) => findings.some((f) => f.severity === s)) ?? null;
}

/** Findings grouped by the anchor of the cell they are pinned to. */
export function groupByAnchor<T>(items: readonly T[], anchor: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = anchor(item);
    map.set(key, [...(map.get(key) ?? []), item]);
  }
  return map;
}

function FindingTooltip({ findings }: { findings: readonly Finding[] }) {
  return (
    <div style={{ maxWidth: 360 }}>
      {findings.map((f, i) => (
        <div key={i} style={{ marginBottom: i < findings.length - 1 ? 8 : 0 }}>
          <div>
            【{SEVERITY_LABELS[f.severity]}】{f.message}
          </div>
          <div style={{ opacity: 0.85 }}>建议：{f.suggestion}</div>
        </div>
      ))}
    </div>
  );
}

function CommentTooltip({ comments }: { comments: readonly ReviewComment[] }) {
  return (
    <div style={{ maxWidth: 360 }}>
      {comments.map((c) => (
        <div key={c.id}>
          <b>{c.author}</b> {formatDateTime(c.at)}：{c.text}
        </div>
      ))}
    </div>
  );
}

function Cell({
  cell,
  findings,
  comments,
  focused,
  onClick,
  exactFigures,
}: {
  cell: GridCell;
  findings: readonly Finding[];
  comments: readonly ReviewComment[];
  focused: boolean;
  onClick?: () => void;
  /** The document's amounts with their own digits (a department's whole money, issue 58), not rounded to two decimals. */
  exactFigures?: boolean;
}) {
  const severity = worst(findings);
  const classes = [
    cell.label ? 'label' : 'value',
    `align-${cell.align}`,
    severity === 'error' ? 'has-error' : severity ? 'has-warning' : '',
    comments.length > 0 ? 'has-comment' : '',
    focused ? 'is-focused' : '',
  ].filter(Boolean);
  const amount = !cell.label && cell.anchors.some((a) => AMOUNT_ANCHOR.test(a));
  return (
    <td
      colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
      rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined}
      className={classes.join(' ')}
      data-anchor={cell.anchors.join(' ') || undefined}
      data-document-figure={amount && exactFigures ? '' : undefined}
      onClick={onClick}
    >
      {cell.lines.map((line, i) => {
        // An amount on screen has two decimals (issue 34), the exact one, as the document wrote it, on hover; a
        // department's whole money keeps the document's own digits (issue 58).
        const shown = amount && !exactFigures ? roundDecimalsInText(line) : line;
        return (
          <div key={i} title={shown === line ? undefined : `精确值：${line}`}>
            {shown}
          </div>
        );
      })}
      {severity && (
        <Tooltip title={<FindingTooltip findings={findings} />}>
          <span
            className={`finding-badge ${severity}`}
            data-testid="finding-badge"
            data-anchor={cell.anchors[0]}
            data-severity={severity}
            data-count={findings.length}
            role="img"
            aria-label={`${findings.length} 条审核发现`}
          />
        </Tooltip>
      )}
      {comments.length > 0 && (
        <Tooltip title={<CommentTooltip comments={comments} />}>
          <CommentOutlined className="comment-mark" data-testid="comment-mark" data-anchor={cell.anchors[0]} />
        </Tooltip>
      )}
    </td>
  );
}

function Rows({
  rows,
  findingsAt,
  commentsAt,
  focus,
  onCellClick,
  exactFigures,
}: {
  rows: GridRow[];
  findingsAt: Map<string, Finding[]>;
  commentsAt: Map<string, ReviewComment[]>;
  focus: string | null;
  onCellClick?: (anchors: string[]) => void;
  exactFigures?: boolean;
}) {
  return (
    <>
      {rows.map((row, r) => (
        <tr
          key={r}
          className={row.open ? 'open' : undefined}
          data-testid={row.indicatorIndex !== undefined ? 'indicator-row' : undefined}
          data-index={row.indicatorIndex}
        >
          {row.cells.map((cell, c) => (
            <Cell
              key={c}
              cell={cell}
              findings={cell.anchors.flatMap((a) => findingsAt.get(a) ?? [])}
              comments={cell.anchors.flatMap((a) => commentsAt.get(a) ?? [])}
              focused={focus !== null && cell.anchors.includes(focus)}
              onClick={onCellClick && cell.anchors.length > 0 ? () => onCellClick(cell.anchors) : undefined}
              exactFigures={exactFigures}
            />
          ))}
        </tr>
      ))}
    </>
  );
}

function ColGroup({ columns }: { columns: number[] }) {
  return (
    <colgroup>
      {columns.map((w, i) => (
        <col key={i} style={{ width: `${((w / TEXT_WIDTH) * 100).toFixed(3)}%` }} />
      ))}
    </colgroup>
  );
}

type RowsProps = Omit<Parameters<typeof Rows>[0], 'rows'>;

const NO_FINDINGS: RowsProps = { findingsAt: new Map(), commentsAt: new Map(), focus: null };

/**
 * A form table (no header row): the main table of a project or of a department's targets. On a
 * phone (styles.css) its cells stack, each label above its value: no sideways scrolling.
 */
function FormGrid({ rows, testId, rowsProps }: { rows: readonly OfficialRow[]; testId: string; rowsProps: RowsProps }) {
  const grid = useMemo(() => toGrid([...rows]), [rows]);
  return (
    <table className="official-table official-form" data-testid={testId}>
      <ColGroup columns={grid.columns} />
      <tbody>
        <Rows rows={grid.rows} {...rowsProps} />
      </tbody>
    </table>
  );
}

/**
 * An indicator table: its header row (repeated on each printed page), then the indicators. Too
 * wide for a phone: it scrolls sideways there and says so (ScrollArea).
 */
function IndicatorGrid({ rows, testId, rowsProps }: { rows: readonly OfficialRow[]; testId: string; rowsProps: RowsProps }) {
  const grid = useMemo(() => toGrid([...rows]), [rows]);
  const [header, ...body] = grid.rows;
  return (
    <ScrollArea testId={`${testId}-scroll`}>
      <table className="official-table" data-testid={testId}>
        <ColGroup columns={grid.columns} />
        <thead>{header && <Rows rows={[header]} {...rowsProps} />}</thead>
        <tbody>
          {body.length > 0 ? (
            <Rows rows={body} {...rowsProps} />
          ) : (
            <tr>
              <td colSpan={grid.columns.length} className="align-center" style={{ color: 'rgba(0, 0, 0, 0.6)' }}>
                （无绩效指标）
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </ScrollArea>
  );
}

/** The narrative that came with a project's table (项目经费情况说明), section by section. */
function Narrative({ sections }: { sections: readonly NarrativeSection[] }) {
  return (
    <div className="official-narrative" data-testid="official-narrative">
      <div className="official-subtitle">项目经费情况说明</div>
      {sections.map((s, i) => (
        <section key={i}>
          {s.title && <h4>{s.title}</h4>}
          {s.text.split('\n').map((line, k) => (
            <p key={k}>{line}</p>
          ))}
        </section>
      ))}
    </div>
  );
}

/**
 * The indicators one per card, for a phone: each with its categories, description, target (never
 * broken) and basis. Shown instead of the indicator table on narrow screens (styles.css).
 */
function IndicatorCards({ project }: { project: Project }) {
  return (
    <div className="official-cards" data-testid="official-indicator-cards">
      {project.indicators.length === 0 && <div className="official-card">（无绩效指标）</div>}
      {project.indicators.map((ind, i) => (
        <div key={i} className="official-card" data-testid="official-indicator-card">
          <div className="official-card-categories">
            {[ind.level1, ind.level2].filter(Boolean).join(' · ')}
          </div>
          <div className="official-card-name">{ind.name}</div>
          {ind.description && <div className="official-card-description">{ind.description}</div>}
          <div className="official-card-target">
            指标值：{ind.target.kind === 'quantitative' ? <span className="money">{ind.target.raw}</span> : ind.target.raw || '—'}
          </div>
          {ind.basis && <div className="official-card-basis">依据：{ind.basis}</div>}
        </div>
      ))}
    </div>
  );
}

/** The official table of a project. */
export function OfficialTable({ project, findings = [], comments = [], focus = null, printable = false, onCellClick, before, after }: Props) {
  const table = useMemo(() => officialTable(project), [project]);
  const findingsAt = useMemo(() => groupByAnchor(findings, anchorOf), [findings]);
  const commentsAt = useMemo(() => groupByAnchor(comments, (c) => commentAnchor(c.field)), [comments]);
  const rowsProps = { findingsAt, commentsAt, focus, onCellClick };
  return (
    <div className={`official${printable ? ' print-area' : ''}`} data-testid="official-table">
      {before}
      {project.narrative.length > 0 && <Narrative sections={project.narrative} />}
      {table.title && <div className="official-title">{table.title}</div>}
      <FormGrid rows={table.main} testId="official-main" rowsProps={rowsProps} />
      <div className="official-indicators-wide">
        <IndicatorGrid rows={table.indicators} testId="official-indicators" rowsProps={rowsProps} />
      </div>
      <IndicatorCards project={project} />
      {table.longTermIndicators.length > 0 && (
        <>
          <div className="official-subtitle">长期绩效指标</div>
          <IndicatorGrid rows={table.longTermIndicators} testId="official-long-term" rowsProps={NO_FINDINGS} />
        </>
      )}
      {after}
    </div>
  );
}

/** A department's whole-budget targets (部门整体支出绩效目标表), in the layout of the Word export. */
export function DepartmentTargetsTable({ targets, printable = false }: { targets: DepartmentTargets; printable?: boolean }) {
  const table = useMemo(() => departmentTargetsTable(targets), [targets]);
  return (
    <div className={`official${printable ? ' print-area' : ''}`} data-testid="department-targets">
      <div className="official-title">{table.title}</div>
      <FormGrid rows={table.main} testId="department-targets-main" rowsProps={{ ...NO_FINDINGS, exactFigures: true }} />
      <IndicatorGrid rows={table.indicators} testId="department-targets-indicators" rowsProps={{ ...NO_FINDINGS, exactFigures: true }} />
    </div>
  );
}

/** Anchors of the table, so findings or comments without a cell can be listed apart. */
export function tableAnchors(project: Project): Set<string> {
  const t = officialTable(project);
  return new Set([...toGrid(t.main).rows, ...toGrid(t.indicators).rows].flatMap((r) => r.cells.flatMap((c) => c.anchors)));
}

