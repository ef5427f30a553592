/**
 * A table of an uploaded document as it stands in its file beside how it was read (issue 53): its rows and cells, each
 * row with the kind the reader gave it (表头, 指标, 栏目, 签章 …), each indicator column with its role, the cells of a
 * doubt outlined; and the indicators as read. A person sees at a glance what went where, the doubts first.
 */
import { Alert, Button, Collapse, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState, type PointerEvent, type ReactNode } from 'react';
import type { ImportPreview } from '../../shared/api/imports';
import { DOUBT_DESCRIPTIONS } from '../../shared/domain/reading';
import { GRID_ROLE_LABELS, ROW_KIND_LABELS, type GridCell, type GridRow, type RowKind, type TableGrid } from '../../shared/domain/table-grid';

type Reading = ImportPreview['projects'][number]['reading'];
type Doubt = Reading['doubts'][number];
type Where = Doubt['where'];

const KIND_COLORS: Record<RowKind, string> = {
  blank: 'default',
  header: 'blue',
  indicator: 'green',
  category: 'cyan',
  form: 'purple',
  signOff: 'orange',
  note: 'default',
};

const at = (where: Where, place: { line: number; ref?: string }) => where.line === place.line && (where.ref === undefined || where.ref === place.ref);

/** Accepting a doubt's likely reading (issue 69): which doubt of the table and which of its readings. */
export type OnLikely = (doubt: number, choice: number) => void;

/**
 * The doubts of a table, in words, each with its place; a doubt with likely readings (a scanned target whose shape is
 * no target's) offers each in one click when `onLikely` is given.
 */
export function DoubtList({ title, reading, onLikely, busy, summary = '导入后不评分' }: { title: string; reading: Reading; onLikely?: OnLikely; busy?: boolean; summary?: string }) {
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="reading-doubts"
      title={`${title}：读取存疑（${reading.doubts.length} 处）${summary ? `，${summary}` : ''}`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {reading.doubts.map((d, i) => (
            <li key={i} data-testid="reading-doubt" data-code={d.code}>
              <Typography.Text strong>{DOUBT_DESCRIPTIONS[d.code].title}</Typography.Text>：{d.message}
              <Typography.Text type="secondary">（第{d.where.line}行{d.where.ref ? `，${d.where.ref}` : ''}）</Typography.Text>
              {onLikely && d.likely && d.likely.length > 0 && (
                <Space size={4} wrap style={{ marginInlineStart: 8 }}>
                  {d.likely.map((text, k) => (
                    <Button key={k} size="small" type={k === 0 ? 'primary' : 'default'} disabled={busy} onClick={() => onLikely(i, k)} data-testid="reading-likely" data-reading={text}>
                      采用“{text}”
                    </Button>
                  ))}
                </Space>
              )}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** The roles over the grid's columns: one cell per indicator column where it stands, the rest empty. */
function RoleRow({ grid, width }: { grid: TableGrid; width: number }) {
  const cells: { start: number; span: number; label: string | null }[] = [];
  for (let col = 0; col < width; ) {
    const c = grid.columns.find((x) => x.start === col);
    if (c) {
      cells.push({ start: col, span: Math.max(1, c.end - c.start), label: `${GRID_ROLE_LABELS[c.role]}${c.path.length > 1 ? `（${c.path.join('›')}）` : ''}` });
      col += Math.max(1, c.end - c.start);
    } else {
      cells.push({ start: col, span: 1, label: null });
      col++;
    }
  }
  return (
    <tr data-testid="grid-roles">
      <th style={cellStyle}>读作</th>
      {cells.map((c) => (
        <th key={c.start} colSpan={c.span} style={{ ...cellStyle, background: '#f0f5ff', fontWeight: 500 }} data-testid="grid-role">
          {c.label ?? ''}
        </th>
      ))}
    </tr>
  );
}

const cellStyle = { border: '1px solid #d9d9d9', padding: '2px 6px', fontSize: 12, verticalAlign: 'top' as const, whiteSpace: 'pre-wrap' as const, wordBreak: 'break-all' as const };

/** The table's cells as they stand in the file, each row with its kind; the doubted rows and cells outlined. */
export function TableGridView({ grid, doubts }: { grid: TableGrid; doubts: readonly Where[] }) {
  const width = Math.max(1, ...grid.rows.map((r) => r.cells.reduce((m, c) => Math.max(m, c.col + c.span), 0)), ...grid.columns.map((c) => c.end));
  const doubtedRow = (r: GridRow) => doubts.some((w) => at(w, r));
  const doubtedCell = (c: GridCell) => doubts.some((w) => w.ref !== undefined && at(w, c));
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', minWidth: '100%' }} data-testid="table-grid" aria-label={`原表：${grid.title || '（无标题）'}`}>
        <thead>{grid.columns.length > 0 && <RoleRow grid={grid} width={width} />}</thead>
        <tbody>
          {grid.rows.map((r, i) => (
            <tr key={i} data-testid="grid-row" data-kind={r.kind} data-doubted={doubtedRow(r) ? 'true' : undefined} style={doubtedRow(r) ? { outline: '2px solid #fa541c' } : undefined}>
              <td style={{ ...cellStyle, whiteSpace: 'nowrap' }}>
                <Tag color={KIND_COLORS[r.kind]} style={{ marginInlineEnd: 0 }}>
                  {ROW_KIND_LABELS[r.kind]}
                </Tag>
              </td>
              {r.cells.map((c, k) => (
                <td
                  key={k}
                  colSpan={c.span}
                  style={{ ...cellStyle, ...(c.merged ? { background: '#fafafa', color: '#8c8c8c' } : {}), ...(doubtedCell(c) ? { outline: '2px solid #fa541c' } : {}) }}
                  data-testid="grid-cell"
                >
                  {c.merged ? '（同上）' : c.text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {grid.truncated && <Typography.Text type="secondary">原表行数较多，只显示前 {grid.rows.length} 行</Typography.Text>}
    </div>
  );
}

/** A doubt's place on a scanned page (the whole table's ocr-scanned is no cell). */
const boxOf = (d: Doubt) => (d.code === 'ocr-scanned' ? undefined : d.where.ocr);
const pct = (n: number) => `${Math.max(0, Math.min(100, n * 100)).toFixed(2)}%`;

/** The zoom steps of a scanned page (its width over the panel's). */
const ZOOMS = [1, 2, 3, 4] as const;

/**
 * One scanned page with its doubted cells outlined (issue 56), zoomed and panned (issue 69): 放大 / 缩小 / 适合宽度, the
 * page scrolled in its frame — dragged with a mouse, moved with a finger on a phone — so a small screen reads a cell
 * at a size it can be checked.
 */
function ScanPage({ page, boxes }: { page: ImportPreview['pages'][number]; boxes: { box: NonNullable<Where['ocr']>; messages: string[] }[] }) {
  const [zoom, setZoom] = useState<number>(1);
  const frame = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null);
  const at = ZOOMS.indexOf(zoom as (typeof ZOOMS)[number]);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.pointerType !== 'mouse' || zoom === 1 || frame.current === null) return;
    drag.current = { x: e.clientX, y: e.clientY, left: frame.current.scrollLeft, top: frame.current.scrollTop };
    frame.current.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d === null || frame.current === null) return;
    frame.current.scrollLeft = d.left - (e.clientX - d.x);
    frame.current.scrollTop = d.top - (e.clientY - d.y);
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  return (
    <figure data-testid="scan-page" data-page={page.page} data-zoom={zoom} style={{ margin: 0 }}>
      <Space size={4} wrap style={{ marginBottom: 4 }}>
        <Button size="small" disabled={at >= ZOOMS.length - 1} onClick={() => setZoom(ZOOMS[Math.min(ZOOMS.length - 1, at + 1)]!)} data-testid="scan-zoom-in" aria-label={`放大原件第 ${page.page} 页`}>
          放大
        </Button>
        <Button size="small" disabled={at <= 0} onClick={() => setZoom(ZOOMS[Math.max(0, at - 1)]!)} data-testid="scan-zoom-out" aria-label={`缩小原件第 ${page.page} 页`}>
          缩小
        </Button>
        <Button size="small" disabled={zoom === 1} onClick={() => setZoom(1)} data-testid="scan-zoom-fit">
          适合宽度
        </Button>
        <Typography.Text type="secondary">{Math.round(zoom * 100)}%</Typography.Text>
      </Space>
      <div
        ref={frame}
        data-testid="scan-page-box"
        style={{ overflow: 'auto', maxHeight: zoom === 1 ? undefined : '70vh', border: '1px solid #d9d9d9', cursor: zoom === 1 ? undefined : 'grab', touchAction: 'pan-x pan-y' }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <div style={{ position: 'relative', width: `${zoom * 100}%` }}>
          <img src={page.src} alt={`原件第 ${page.page} 页（扫描图像）`} draggable={false} style={{ display: 'block', width: '100%' }} data-testid="scan-page-image" />
          {boxes.map(({ box: { box, pageWidth, pageHeight }, messages }) => (
            <div
              key={box.join(',')}
              role="img"
              aria-label={`存疑：${messages.join('；')}`}
              title={messages.join('\n')}
              data-testid="scan-doubt-box"
              style={{
                position: 'absolute',
                left: pct(box[0] / pageWidth),
                top: pct(box[1] / pageHeight),
                width: pct((box[2] - box[0]) / pageWidth),
                height: pct((box[3] - box[1]) / pageHeight),
                outline: '2px solid #fa541c',
                outlineOffset: 2,
                background: 'rgba(250, 84, 28, 0.12)',
              }}
            />
          ))}
        </div>
      </div>
      <figcaption>
        <Typography.Text type="secondary">
          原件第 {page.page} 页（扫描图像）：{boxes.length > 0 ? `存疑的 ${boxes.length} 处已框出，请先核对` : '整表须对照原件核对'}
        </Typography.Text>
      </figcaption>
    </figure>
  );
}

/**
 * The scanned pages a table's doubts stand on (issue 56), each as it was recognised with every doubted cell outlined
 * on it: a person checks those cells against the page first. A cell doubted twice is outlined once.
 */
export function ScanPages({ pages, doubts }: { pages: ImportPreview['pages']; doubts: readonly Doubt[] }) {
  const shown = pages.filter((p) => doubts.some((d) => d.where.ocr?.page === p.page));
  return (
    <Space orientation="vertical" data-testid="scan-pages" style={{ width: '100%' }}>
      {shown.map((p) => {
        const boxes = new Map<string, { box: NonNullable<Where['ocr']>; messages: string[] }>();
        for (const d of doubts) {
          const mark = boxOf(d);
          if (mark === undefined || mark.page !== p.page) continue;
          const key = mark.box.join(',');
          (boxes.get(key) ?? boxes.set(key, { box: mark, messages: [] }).get(key)!).messages.push(d.message);
        }
        return <ScanPage key={p.page} page={p} boxes={[...boxes.values()]} />;
      })}
    </Space>
  );
}

/** The indicators as read, beside the grid. */
function ReadIndicators({ indicators }: { indicators: ImportPreview['projects'][number]['indicators'] }) {
  return (
    <Table
      size="small"
      data-testid="read-indicators"
      rowKey={(_, i) => String(i)}
      dataSource={indicators}
      pagination={indicators.length > 20 ? { pageSize: 20, size: 'small' } : false}
      locale={{ emptyText: '没有读到指标' }}
      columns={[
        { title: '一级指标', dataIndex: 'level1', render: (t: string | null) => t ?? '—' },
        { title: '二级指标', dataIndex: 'level2', render: (t: string | null) => t ?? '—' },
        { title: '三级指标', dataIndex: 'name' },
        { title: '指标值', dataIndex: 'target', render: (t: string) => (t === '' ? <Typography.Text type="danger">（空）</Typography.Text> : t) },
      ]}
    />
  );
}

/**
 * Every table of a previewed file: the doubted ones open first, with their doubts, grid and reading; the others closed,
 * to be opened to compare.
 */
export function FileTables({
  file,
  tools,
  open,
  onLikely,
  busy,
}: {
  file: ImportPreview;
  /** Controls above a table's grid (the corrections, issue 54). */
  tools?: (grid: TableGrid) => ReactNode;
  /** A table to show open (the one being corrected). */
  open?: TableGrid | null;
  /** Accepting a doubt's likely reading (issue 69): the table (a project's index, null for the department-wide table), the doubt, the reading. */
  onLikely?: (project: number | null, doubt: number, choice: number) => void;
  busy?: boolean;
}) {
  if (file.tables.length === 0) return null;
  const items = file.tables.map((grid, index) => {
    const projects = grid.projects.map((i) => file.projects[i]!).filter((p) => p !== undefined);
    const readings: { title: string; reading: Reading; project: number | null }[] =
      grid.kind === 'department' && file.departmentTargets
        ? [{ title: grid.title || '部门整体支出绩效目标表', reading: file.departmentTargets.reading, project: null }]
        : grid.projects.flatMap((i) => (file.projects[i] ? [{ title: `项目“${file.projects[i].name || '（无名称）'}”`, reading: file.projects[i].reading, project: i }] : []));
    const doubted = readings.filter((r) => !r.reading.certain);
    const doubts = doubted.flatMap((r) => r.reading.doubts);
    // the scanned pages its doubts stand on, shown beside its grid
    const scanned = file.pages.some((p) => doubts.some((d) => d.where.ocr?.page === p.page));
    return {
      key: String(index),
      'data-testid': 'preview-table',
      label: (
        <Space wrap>
          <span>{grid.title || '（无标题）'}</span>
          {doubted.length > 0 ? <Tag color="volcano">读取存疑</Tag> : <Tag color="green">读取无疑</Tag>}
          {grid.kind === 'list' && <Tag>逐行列出 {projects.length} 个项目</Tag>}
          {grid.template !== null && (
            <Tag color="blue" data-testid="table-template">
              按{grid.template.id === null ? '更正' : `表样“${grid.template.name}”`}读取
            </Tag>
          )}
        </Space>
      ),
      children: (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {tools?.(grid)}
          {doubted.map((r) => (
            <DoubtList key={`${r.project}`} title={r.title} reading={r.reading} busy={busy} {...(onLikely ? { onLikely: (d: number, k: number) => onLikely(r.project, d, k) } : {})} />
          ))}
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'flex-start' }}>
            {scanned && (
              <div style={{ flex: '0 1 480px', minWidth: 0 }}>
                <ScanPages pages={file.pages} doubts={doubts} />
              </div>
            )}
            <div style={{ flex: '1 1 480px', minWidth: 0 }}>
              <Typography.Text type="secondary">原表（按文件中的单元格）：</Typography.Text>
              <TableGridView grid={grid} doubts={doubts.map((d) => d.where)} />
            </div>
          </div>
          {projects.map((p) => (
            <div key={`${p.code ?? ''}${p.name}`}>
              <Typography.Text type="secondary">读取结果：{p.name || '（无名称）'}</Typography.Text>
              <ReadIndicators indicators={p.indicators} />
            </div>
          ))}
        </Space>
      ),
      doubted: doubted.length > 0 || grid === open,
    };
  });
  return (
    <div style={{ marginTop: 12 }} data-testid="preview-tables">
      <Typography.Title level={5}>各表的读取（{file.doubted > 0 ? `${file.doubted} 张存疑，排在前面` : '全部无疑'}）</Typography.Title>
      {file.pagesOmitted > 0 && <Typography.Paragraph type="secondary">另有 {file.pagesOmitted} 页扫描件有存疑之处，未显示其图像：请对照原件核对。</Typography.Paragraph>}
      <Collapse
        size="small"
        key={items.filter((i) => i.doubted).map((i) => i.key).join(',')}
        defaultActiveKey={items.filter((i) => i.doubted).map((i) => i.key)}
        items={items.map(({ doubted: _, ...item }) => item)}
      />
    </div>
  );
}
