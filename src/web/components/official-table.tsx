/**
 * The official 项目绩效目标表 drawn as HTML from the shared row model (merged cells as rowSpan/
 * colSpan, same rows, same order), with review findings and reviewer comments pinned to the
 * cells they concern.
 */
import { CommentOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { useMemo } from 'react';
import type { Project, Severity } from '../../shared/domain/model';
import { anchorOf, officialTable, TEXT_WIDTH, toGrid, type GridCell, type GridRow } from '../../shared/domain/official-table';
import type { FindingView as Finding, ReviewComment } from '../api/types';
import { formatDateTime } from '../lib/format';
import { commentAnchor, SEVERITY_LABELS } from '../lib/labels';

interface Props {
  project: Project;
  findings?: readonly Finding[];
  comments?: readonly ReviewComment[];
  /** The anchor to highlight (a finding or comment chosen in a list). */
  focus?: string | null;
  /** Adds the class that the print stylesheet prints alone. */
  printable?: boolean;
  onCellClick?: (anchors: string[]) => void;
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
}: {
  cell: GridCell;
  findings: readonly Finding[];
  comments: readonly ReviewComment[];
  focused: boolean;
  onClick?: () => void;
}) {
  const severity = worst(findings);
  const classes = [
    cell.label ? 'label' : 'value',
    `align-${cell.align}`,
    severity === 'error' ? 'has-error' : severity ? 'has-warning' : '',
    comments.length > 0 ? 'has-comment' : '',
    focused ? 'is-focused' : '',
  ].filter(Boolean);
  return (
    <td
      colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
      rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined}
      className={classes.join(' ')}
      data-anchor={cell.anchors.join(' ') || undefined}
      onClick={onClick}
    >
      {cell.lines.map((line, i) => (
        <div key={i}>{line}</div>
      ))}
      {severity && (
        <Tooltip title={<FindingTooltip findings={findings} />}>
          <span
            className={`finding-badge ${severity}`}
            data-testid="finding-badge"
            data-anchor={cell.anchors[0]}
            data-severity={severity}
            data-count={findings.length}
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
}: {
  rows: GridRow[];
  findingsAt: Map<string, Finding[]>;
  commentsAt: Map<string, ReviewComment[]>;
  focus: string | null;
  onCellClick?: (anchors: string[]) => void;
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

/** The official table of a project. */
export function OfficialTable({ project, findings = [], comments = [], focus = null, printable = false, onCellClick }: Props) {
  const table = useMemo(() => officialTable(project), [project]);
  const main = useMemo(() => toGrid(table.main), [table]);
  const indicators = useMemo(() => toGrid(table.indicators), [table]);
  const findingsAt = useMemo(() => groupByAnchor(findings, anchorOf), [findings]);
  const commentsAt = useMemo(() => groupByAnchor(comments, (c) => commentAnchor(c.field)), [comments]);
  const [header, ...body] = indicators.rows;
  const rowsProps = { findingsAt, commentsAt, focus, onCellClick };
  return (
    <div className={`official${printable ? ' print-area' : ''}`} data-testid="official-table">
      {table.title && <div className="official-title">{table.title}</div>}
      <table className="official-table" data-testid="official-main">
        <ColGroup columns={main.columns} />
        <tbody>
          <Rows rows={main.rows} {...rowsProps} />
        </tbody>
      </table>
      <table className="official-table" data-testid="official-indicators">
        <ColGroup columns={indicators.columns} />
        <thead>{header && <Rows rows={[header]} {...rowsProps} />}</thead>
        <tbody>
          {body.length > 0 ? (
            <Rows rows={body} {...rowsProps} />
          ) : (
            <tr>
              <td colSpan={indicators.columns.length} className="align-center" style={{ color: '#999' }}>
                （无绩效指标）
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Anchors of the table, so findings or comments without a cell can be listed apart. */
export function tableAnchors(project: Project): Set<string> {
  const t = officialTable(project);
  return new Set([...toGrid(t.main).rows, ...toGrid(t.indicators).rows].flatMap((r) => r.cells.flatMap((c) => c.anchors)));
}

