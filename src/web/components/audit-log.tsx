/**
 * The change history (修改记录) of a project as a person audits it (issue 34): who, when, the
 * action in Chinese, each changed field by its Chinese label with the value before → after
 * (amounts in 万元 with two decimals), a long text's change marked character by character;
 * filters by action and by person; an export (.xlsx) of what the filters show. Paged on the
 * server (newest first): the record brings the unfiltered first page, the others are fetched.
 * The words come from src/shared/audit/history.ts, which the export uses too.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { projectAuditExportUrl, useProjectAudit, useProjectAuditFacets, type AuditFilter } from '../api/hooks';
import type { ProjectRecord } from '../api/types';
import { historyEntry, type HistoryRow } from '../../shared/audit/history';
import type { DiffPart } from '../../shared/audit/text-diff';
import { formatDateTime } from '../lib/format';
import { EmptyState } from './page-state';

const NO_FILTER: AuditFilter = { action: '', actor: '' };

/** A text's change: deletions struck through in red, insertions underlined in green, the rest as it was. */
function DiffText({ parts, side }: { parts: readonly DiffPart[]; side: 'before' | 'after' }) {
  return (
    <span className="pre-wrap" data-testid={`audit-diff-${side}`}>
      {parts.map((p, i) =>
        p.op === '=' ? (
          <span key={i}>{p.text}</span>
        ) : p.op === '-' && side === 'before' ? (
          <del key={i} className="audit-del">
            {p.text}
          </del>
        ) : p.op === '+' && side === 'after' ? (
          <ins key={i} className="audit-ins">
            {p.text}
          </ins>
        ) : null,
      )}
    </span>
  );
}

function Rows({ rows }: { rows: readonly HistoryRow[] }) {
  if (rows.length === 0) return <>—</>;
  return (
    <table className="audit-rows" style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }}>
      <colgroup>
        <col style={{ width: 150 }} />
        <col />
        <col style={{ width: 24 }} />
        <col />
      </colgroup>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} data-testid="audit-diff-row">
            <td style={{ verticalAlign: 'top', color: '#595959', paddingRight: 8 }} data-testid="audit-field">
              {r.field}
            </td>
            <td style={{ verticalAlign: 'top', paddingRight: 8 }} data-testid="audit-before">
              {r.diff ? <DiffText parts={r.diff} side="before" /> : r.before && <Typography.Text type="secondary" className="pre-wrap">{r.before}</Typography.Text>}
            </td>
            <td style={{ verticalAlign: 'top', color: '#8c8c8c' }} aria-hidden>
              {r.before ? '→' : ''}
            </td>
            <td style={{ verticalAlign: 'top' }} data-testid="audit-after">
              {r.diff ? <DiffText parts={r.diff} side="after" /> : <span className="pre-wrap">{r.after}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AuditLog({ record }: { record: ProjectRecord }) {
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const filtered = filter.action !== '' || filter.actor !== '';
  const fetched = useProjectAudit(record, page, filter);
  const facets = useProjectAuditFacets(record);
  const current = page === 1 && !filtered ? record.audit : (fetched.data ?? null);
  const names = current?.indicatorNames ?? record.audit.indicatorNames ?? {};
  const entries = useMemo(
    () => (current ? current.items.map((e) => ({ id: e.id, entry: historyEntry(e, { indicator: (id) => names[id] }) })) : []),
    [current],
  );
  if (record.audit.total === 0) return <EmptyState description="暂无修改记录" />;
  const change = (next: Partial<AuditFilter>) => {
    setFilter({ ...filter, ...next });
    setPage(1);
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      <Space wrap>
        <Select
          aria-label="按操作筛选"
          data-testid="audit-filter-action"
          style={{ minWidth: 180 }}
          value={filter.action}
          onChange={(action: string) => change({ action })}
          options={[{ value: '', label: '全部操作' }, ...(facets.data?.actions ?? []).map((a) => ({ value: a.action, label: `${a.label}（${a.count}）` }))]}
        />
        <Select
          aria-label="按操作人筛选"
          data-testid="audit-filter-actor"
          style={{ minWidth: 180 }}
          value={filter.actor}
          onChange={(actor: string) => change({ actor })}
          options={[
            { value: '', label: '全部操作人' },
            ...(facets.data?.actors ?? []).map((a) => ({
              value: a.username ?? a.actor,
              label: `${a.username === null || a.username === a.actor ? a.actor : `${a.actor}（${a.username}）`}（${a.count}）`,
            })),
          ]}
        />
        <Button icon={<DownloadOutlined />} href={projectAuditExportUrl(record.id, filter)} data-testid="audit-export">
          导出 Excel
        </Button>
      </Space>
      <Table<{ id: number; entry: ReturnType<typeof historyEntry> }>
        data-testid="audit-log"
        size="small"
        rowKey="id"
        loading={(page > 1 || filtered) && fetched.isFetching}
        dataSource={entries}
        locale={{ emptyText: '没有符合条件的记录' }}
        pagination={
          (current?.total ?? 0) > record.audit.pageSize
            ? { current: page, pageSize: record.audit.pageSize, total: current?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => `共 ${n} 条` }
            : false
        }
        columns={[
          { title: '时间', key: 'at', width: 140, render: (_, r) => formatDateTime(r.entry.at) },
          { title: '操作人', key: 'actor', width: 150, render: (_, r) => r.entry.actor },
          { title: '操作', key: 'action', width: 120, render: (_, r) => <span data-testid="audit-action" data-action={r.entry.action}>{r.entry.actionLabel}</span> },
          { title: '内容（修改前 → 修改后）', key: 'detail', render: (_, r) => <Rows rows={r.entry.rows} /> },
        ]}
      />
    </Space>
  );
}
