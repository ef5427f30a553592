/** The audit log of a project: who changed what when, with the values before and after. */
import { Table, Typography } from 'antd';
import type { AuditEntry } from '../api/types';
import { auditActionName, auditRows } from '../lib/audit';
import { formatDateTime } from '../lib/format';
import { EmptyState } from './page-state';

export function AuditLog({ entries }: { entries: readonly AuditEntry[] }) {
  if (entries.length === 0) return <EmptyState description="暂无修改记录" />;
  return (
    <Table<AuditEntry>
      data-testid="audit-log"
      size="small"
      rowKey="id"
      dataSource={[...entries]}
      pagination={entries.length > 10 ? { pageSize: 10 } : false}
      columns={[
        { title: '时间', dataIndex: 'at', width: 140, render: formatDateTime },
        { title: '操作人', dataIndex: 'actor', width: 130 },
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
