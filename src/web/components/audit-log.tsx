/**
 * The audit log of a project: who changed what when, with the values before and after. Paged on
 * the server (newest first): the record brings the first page, the others are fetched.
 */
import { Table, Typography } from 'antd';
import { useState } from 'react';
import { useProjectAudit } from '../api/hooks';
import type { AuditEntry, ProjectRecord } from '../api/types';
import { auditActionName, auditActorName, auditRows } from '../lib/audit';
import { formatDateTime } from '../lib/format';
import { EmptyState } from './page-state';

export function AuditLog({ record }: { record: ProjectRecord }) {
  const [page, setPage] = useState(1);
  const fetched = useProjectAudit(record, page);
  const current = page === 1 ? record.audit : (fetched.data ?? null);
  if (record.audit.total === 0) return <EmptyState description="暂无修改记录" />;
  return (
    <Table<AuditEntry>
      data-testid="audit-log"
      size="small"
      rowKey="id"
      loading={page > 1 && fetched.isFetching}
      dataSource={current ? [...current.items] : []}
      pagination={
        record.audit.total > record.audit.pageSize
          ? { current: page, pageSize: record.audit.pageSize, total: record.audit.total, showSizeChanger: false, onChange: setPage, showTotal: (n) => `共 ${n} 条` }
          : false
      }
      columns={[
        { title: '时间', dataIndex: 'at', width: 140, render: formatDateTime },
        { title: '操作人', key: 'actor', width: 150, render: (_, e) => auditActorName(e) },
        { title: '操作', dataIndex: 'action', width: 90, render: auditActionName },
        {
          title: '内容（修改前 → 修改后）',
          key: 'detail',
          render: (_, e) => {
            const rows = auditRows(e.detail);
            if (rows.length === 0) return '—';
            return (
              <table style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }}>
                <colgroup>
                  <col style={{ width: 130 }} />
                  <col />
                  <col />
                </colgroup>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={i} data-testid="audit-diff-row">
                      <td style={{ verticalAlign: 'top', color: '#666', paddingRight: 8 }}>{r.field}</td>
                      <td style={{ verticalAlign: 'top', paddingRight: 8 }}>
                        {r.before && (
                          <Typography.Text delete type="secondary" className="pre-wrap">
                            {r.before}
                          </Typography.Text>
                        )}
                      </td>
                      <td style={{ verticalAlign: 'top' }}>
                        <Typography.Text className="pre-wrap">{r.after}</Typography.Text>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          },
        },
      ]}
    />
  );
}
