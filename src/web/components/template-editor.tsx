/**
 * Correcting how a table was read, in the import preview (表样, issue 54): the rows of its indicator header and how
 * deep it is, each column's role, rows that are not indicators (a sign-off, a note, a row of the form), the labels of
 * the form and the fields they name, and the heading over the table as the project's name. "按更正重新读取" reads the
 * file again with the corrections (nothing is stored); at the commit the 绩效科 may keep them as a 表样 of its region,
 * so that every later table of that form reads right. Every control is labelled in Chinese and reachable by keyboard.
 */
import { Alert, Button, Card, Checkbox, Col, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { useState, type CSSProperties } from 'react';
import {
  correctionsFrom,
  draftTemplate,
  gridHeaderRows,
  NO_CORRECTIONS,
  TEMPLATE_LABEL_FIELD_NAMES,
  TEMPLATE_LABEL_FIELDS,
  TEMPLATE_LIMITS,
  TEMPLATE_ROW_KIND_LABELS,
  TEMPLATE_ROW_KINDS,
  type FormTemplate,
  type TemplateCorrections,
  type TemplateLabelField,
  type TemplateRowKind,
} from '../../shared/domain/form-template';
import { GRID_COLUMN_ROLES, GRID_ROLE_LABELS, ROW_KIND_LABELS, type GridColumnRole, type TableGrid } from '../../shared/domain/table-grid';
import type { ImportPreview } from '../../shared/api/imports';
import { usePhone } from '../lib/use-phone';

/** At most this many rows are offered for correcting (a form's table is short; a list of projects is corrected by its header). */
const EDIT_ROWS = 80;

const ROLE_OPTIONS = GRID_COLUMN_ROLES.map((r) => ({ value: r, label: GRID_ROLE_LABELS[r] }));
/**
 * The role list as tall as its options (issue 71): a column the reader could not place is 其他列, the list's end, and a list
 * shorter than its options opened scrolled to it, the roles a person picks (指标值, 确定依据 …) out of view above.
 */
const ROLE_LIST_HEIGHT = ROLE_OPTIONS.length * 32 + 8;
const KIND_OPTIONS = [{ value: '', label: '按读取' }, ...TEMPLATE_ROW_KINDS.map((k) => ({ value: k, label: TEMPLATE_ROW_KIND_LABELS[k] }))];
const FIELD_OPTIONS = [{ value: '', label: '（不是栏目名）' }, ...TEMPLATE_LABEL_FIELDS.map((f) => ({ value: f, label: TEMPLATE_LABEL_FIELD_NAMES[f] }))];

const rowText = (grid: TableGrid, i: number) => {
  const text = grid.rows[i]!.cells.filter((c) => !c.merged && c.text.trim() !== '').map((c) => c.text.trim()).join(' | ');
  return text.length > 40 ? `${text.slice(0, 40)}…` : text || '（空）';
};

/** The corrections to start from: the person's last ones, the stored template the table was read with, or none. */
export function startingCorrections(file: ImportPreview, grid: TableGrid): TemplateCorrections {
  if (file.draftTemplate !== null) return correctionsFrom(grid, file.draftTemplate);
  const stored = grid.template?.id == null ? undefined : file.formTemplates.find((t) => t.id === grid.template!.id);
  if (stored !== undefined) return correctionsFrom(grid, stored.template);
  return NO_CORRECTIONS(`${(grid.title || file.department?.name || file.file).slice(0, TEMPLATE_LIMITS.name - 2)}表样`);
}

export interface TemplateEditorProps {
  grid: TableGrid;
  initial: TemplateCorrections;
  /** The file is read with the person's corrections now. */
  corrected: boolean;
  busy: boolean;
  /** Whether this account keeps 表样 (the 绩效科). */
  canSave: boolean;
  save: boolean;
  onSave: (save: boolean) => void;
  onApply: (template: FormTemplate | null) => void;
  onClose: () => void;
}

export function TemplateEditor({ grid, initial, corrected, busy, canSave, save, onSave, onApply, onClose }: TemplateEditorProps) {
  const [c, setC] = useState<TemplateCorrections>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const header = c.headerRows ?? gridHeaderRows(grid);
  const start = header[0] ?? null;
  const rowKind = (row: number) => c.rows.find((r) => r.row === row)?.kind ?? '';
  const firstCell = (row: number) => grid.rows[row]!.cells.findIndex((cell) => !cell.merged && cell.text.trim() !== '');
  const labelField = (row: number) => c.labels.find((l) => l.row === row)?.field ?? '';
  const roleOf = (path: string[]) => c.columns.find((x) => x.path.join('›') === path.join('›'))?.role ?? grid.columns.find((x) => x.path.join('›') === path.join('›'))!.role;

  const setHeader = (from: number | null, depth: number) => setC({ ...c, headerRows: from === null ? null : Array.from({ length: Math.min(depth, grid.rows.length - from) }, (_, d) => from + d) });
  const setRole = (path: string[], role: GridColumnRole) => setC({ ...c, columns: [...c.columns.filter((x) => x.path.join('›') !== path.join('›')), { path, role }] });
  const setKind = (row: number, kind: TemplateRowKind | '') => setC({ ...c, rows: [...c.rows.filter((r) => r.row !== row), ...(kind === '' ? [] : [{ row, kind }])] });
  const setField = (row: number, field: TemplateLabelField | '') =>
    setC({ ...c, labels: [...c.labels.filter((l) => l.row !== row), ...(field === '' || firstCell(row) < 0 ? [] : [{ row, cell: firstCell(row), field }])] });

  const apply = () => {
    const t = draftTemplate(grid, c);
    if (typeof t === 'string') {
      setProblem(t);
      return;
    }
    setProblem(null);
    onApply(t);
  };

  const rows = grid.rows.map((_, i) => i).filter((i) => !header.includes(i)).slice(0, EDIT_ROWS);
  const phone = usePhone();
  const kindSelect = (i: number, style: CSSProperties) => (
    <Select
      size="small"
      style={style}
      value={rowKind(i)}
      options={KIND_OPTIONS}
      aria-label={`第 ${i + 1} 行的类型`}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid="template-row-kind"
      onChange={(v: TemplateRowKind | '') => setKind(i, v)}
    />
  );
  const fieldSelect = (i: number, style: CSSProperties) => (
    <Select
      size="small"
      style={style}
      value={labelField(i)}
      options={FIELD_OPTIONS}
      aria-label={`第 ${i + 1} 行首格“${grid.rows[i]!.cells[firstCell(i)]!.text.slice(0, 12)}”是哪个栏目`}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid="template-label-field"
      onChange={(v: TemplateLabelField | '') => setField(i, v)}
    />
  );
  return (
    <Card size="small" title="更正读取" data-testid="template-editor" style={{ background: '#fcfcfc' }} extra={<Button size="small" onClick={onClose}>收起</Button>}>
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text type="secondary">
          说明这张表怎样读：表头在哪几行、各列是什么、哪些行不是指标、各栏目是什么。点“按更正重新读取”后，右侧的读取结果随之更新；确认导入前不会保存任何数据。
        </Typography.Text>
        <Row gutter={[12, 8]}>
          <Col xs={24} md={10}>
            <label>
              <Typography.Text strong>表样名称</Typography.Text>
              <Input value={c.name} maxLength={TEMPLATE_LIMITS.name} onChange={(e) => setC({ ...c, name: e.target.value })} aria-label="表样名称" data-testid="template-name" />
            </label>
          </Col>
          <Col xs={24} md={9}>
            <Typography.Text strong>指标表头从</Typography.Text>
            <Select
              style={{ width: '100%' }}
              value={start ?? undefined}
              placeholder="选择表头的第一行"
              aria-label="指标表头的第一行"
              data-testid="template-header-start"
              options={grid.rows.map((_, i) => ({ value: i, label: `第 ${i + 1} 行：${rowText(grid, i)}` }))}
              onChange={(v: number) => setHeader(v, Math.max(1, header.length))}
            />
          </Col>
          <Col xs={24} md={5}>
            <Typography.Text strong>表头行数</Typography.Text>
            <Select
              style={{ width: '100%' }}
              value={header.length || undefined}
              aria-label="表头行数"
              data-testid="template-header-depth"
              options={Array.from({ length: TEMPLATE_LIMITS.headerRows }, (_, d) => ({ value: d + 1, label: `${d + 1} 行` }))}
              onChange={(v: number) => setHeader(start, v)}
            />
          </Col>
        </Row>
        {grid.columns.length > 0 && (
          <div>
            <Typography.Text strong>各列的读法</Typography.Text>
            <Typography.Text type="secondary">（表头行数改动后，请先重新读取，再设各列）</Typography.Text>
            <Row gutter={[12, 8]} style={{ marginTop: 4 }}>
              {grid.columns.map((col) => (
                <Col xs={24} sm={12} lg={8} key={col.path.join('›')}>
                  <Space.Compact style={{ width: '100%' }}>
                    <Tag style={{ margin: 0, lineHeight: '30px', maxWidth: '50%', overflow: 'hidden', textOverflow: 'ellipsis' }} title={col.path.join('›')}>
                      {col.path.join('›')}
                    </Tag>
                    <Select
                      style={{ flex: 1, minWidth: 120 }}
                      value={roleOf(col.path)}
                      options={ROLE_OPTIONS}
                      listHeight={ROLE_LIST_HEIGHT}
                      aria-label={`列“${col.path.join('›')}”的读法`}
                      showSearch={{ optionFilterProp: 'label' }}
                      data-testid="template-column-role"
                      data-path={col.path.join('›')}
                      onChange={(v: GridColumnRole) => setRole(col.path, v)}
                    />
                  </Space.Compact>
                </Col>
              ))}
            </Row>
          </div>
        )}
        <div>
          <Typography.Text strong>各行</Typography.Text>
          {phone ? (
            // a phone (issue 71): each row a block, its two choices the screen's width, where the table was 581 px wide
            <div aria-label="各行的更正" role="list" style={{ marginTop: 4 }}>
              {rows.map((i) => (
                <div key={i} role="listitem" data-testid="template-row" data-row={i} style={{ borderTop: '1px solid #f0f0f0', padding: '6px 0' }}>
                  <div style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                    第 {i + 1} 行：{rowText(grid, i)}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      （读作{ROW_KIND_LABELS[grid.rows[i]!.kind]}）
                    </Typography.Text>
                  </div>
                  {kindSelect(i, { width: '100%', marginTop: 4 })}
                  {firstCell(i) >= 0 && fieldSelect(i, { width: '100%', marginTop: 4 })}
                </div>
              ))}
            </div>
          ) : (
          <table style={{ borderCollapse: 'collapse', width: '100%', marginTop: 4 }} aria-label="各行的更正">
            <thead>
              <tr>
                <th style={th}>行</th>
                <th style={th}>读作</th>
                <th style={th}>行的类型</th>
                <th style={th}>首格是栏目</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr key={i} data-testid="template-row" data-row={i}>
                  <td style={td}>
                    第 {i + 1} 行：{rowText(grid, i)}
                  </td>
                  <td style={{ ...td, whiteSpace: 'nowrap' }}>{ROW_KIND_LABELS[grid.rows[i]!.kind]}</td>
                  <td style={td}>{kindSelect(i, { width: 260 })}</td>
                  <td style={td}>{firstCell(i) >= 0 && fieldSelect(i, { width: 200 })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          )}
        </div>
        <Space wrap>
          <Checkbox
            checked={c.nameFromHeading}
            disabled={grid.heading === null}
            onChange={(e) => setC({ ...c, nameFromHeading: e.target.checked })}
            data-testid="template-name-from-heading"
          >
            项目名称取自表格上方的标题{grid.heading !== null ? `“${grid.heading}”` : '（表格上方没有标题）'}
          </Checkbox>
          {c.nameFromHeading && (
            <Input
              size="small"
              style={{ width: 260 }}
              placeholder="标题中的项目名称（不填则为整个标题）"
              aria-label="标题中的项目名称"
              value={c.headingName ?? ''}
              onChange={(e) => setC({ ...c, headingName: e.target.value })}
            />
          )}
        </Space>
        {problem && <Alert type="error" showIcon title={problem} data-testid="template-problem" />}
        <Space wrap>
          <Button type="primary" loading={busy} onClick={apply} data-testid="template-apply">
            按更正重新读取
          </Button>
          {corrected && (
            <Button disabled={busy} onClick={() => onApply(null)} data-testid="template-clear">
              撤销更正
            </Button>
          )}
          {canSave ? (
            <Checkbox checked={save} disabled={!corrected} onChange={(e) => onSave(e.target.checked)} data-testid="template-save">
              确认导入时保存为表样（本区划及下级区划此后按它读取同一表样的文档）
            </Checkbox>
          ) : (
            <Typography.Text type="secondary">更正只用于这次导入；表样由财政局绩效科保存。</Typography.Text>
          )}
        </Space>
      </Space>
    </Card>
  );
}

const th = { border: '1px solid #f0f0f0', padding: '2px 6px', fontSize: 12, textAlign: 'left' as const, background: '#fafafa' };
const td = { border: '1px solid #f0f0f0', padding: '2px 6px', fontSize: 12 };
