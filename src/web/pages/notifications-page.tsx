/** 通知 (issue 33): the account's own notifications — 催办 and deadlines passed — newest first. */
import { Alert, Badge, Button, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useMarkRead, useNotifications } from '../api/stage-hooks';
import { ErrorState } from '../components/page-state';
import { formatDateTime } from '../lib/format';

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
        <Typography.Text type="secondary">财政部门的催办和阶段逾期提醒；只在本系统内显示。</Typography.Text>
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
                    <Tag color={n.kind === 'overdue' ? 'red' : 'orange'}>{n.kind === 'overdue' ? '逾期' : '催办'}</Tag>
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
