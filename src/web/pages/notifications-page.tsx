/**
 * 通知 (issues 33, 58): the account's own notifications, newest first — 催办, deadlines passed, what waits for
 * it (待办: a project or request to decide, a return, an item to confirm) and the outcome of its requests (结果).
 */
import { Alert, Badge, Button, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useMarkRead, useNotifications } from '../api/stage-hooks';
import { ErrorState } from '../components/page-state';
import { formatDateTime } from '../lib/format';
import type { NotificationView } from '../../shared/api/stages';

const KINDS: Record<NotificationView['kind'], { label: string; color: string }> = {
  reminder: { label: '催办', color: 'orange' },
  overdue: { label: '逾期', color: 'red' },
  task: { label: '待办', color: 'blue' },
  result: { label: '结果', color: 'green' },
};

export function NotificationsPage() {
  const [page, setPage] = useState(1);
  const list = useNotifications(page);
  const mark = useMarkRead();
  return (
    <div data-testid="notifications-page">
      <Typography.Title level={3} className="page-title">
        通知
      </Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">待办事项、办理结果、财政部门的催办和阶段逾期提醒；只在本系统内显示。</Typography.Text>
        <Button size="small" disabled={!list.data || list.data.unread === 0} loading={mark.isPending && mark.variables === 'all'} onClick={() => mark.mutate('all')} data-testid="notifications-read-all">
          全部标为已读
        </Button>
      </Space>
      {mark.error != null && <Alert type="error" showIcon message={errorMessage(mark.error)} style={{ marginBottom: 8 }} />}
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <List
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '没有通知' }}
          pagination={list.data && list.data.total > 20 ? { current: page, pageSize: 20, total: list.data.total, onChange: setPage } : false}
          renderItem={(n) => (
            <List.Item
              data-testid="notification"
              data-kind={n.kind}
              data-read={n.readAt ? 'yes' : 'no'}
              actions={[
                ...(n.link ? [<Link key="go" to={n.link}>去办理</Link>] : []),
                ...(n.readAt ? [] : [<Button key="read" size="small" type="link" loading={mark.isPending && mark.variables === n.id} onClick={() => mark.mutate(n.id)} data-testid="notification-read">标为已读</Button>]),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space>
                    {!n.readAt && <Badge status="processing" />}
                    <Tag color={KINDS[n.kind].color} data-testid="notification-kind">
                      {KINDS[n.kind].label}
                    </Tag>
                    <span>{n.title}</span>
                  </Space>
                }
                description={
                  <>
                    <div>{n.body}</div>
                    <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
