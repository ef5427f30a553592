/** Projects per workflow status, as tags. */
import { Space, Tag } from 'antd';
import type { StatusCounts as Counts } from '../api/types';
import { STATUSES, STATUS_COLORS, STATUS_LABELS } from '../lib/labels';

export function StatusCounts({ counts }: { counts: Counts }) {
  const present = STATUSES.filter((s) => (counts[s] ?? 0) > 0);
  if (present.length === 0) return <span style={{ color: 'rgba(0, 0, 0, 0.6)' }}>—</span>;
  return (
    <Space size={2} wrap data-testid="status-counts">
      {present.map((s) => (
        <Tag key={s} color={STATUS_COLORS[s]} data-status={s}>
          {STATUS_LABELS[s]} {counts[s]}
        </Tag>
      ))}
    </Space>
  );
}
