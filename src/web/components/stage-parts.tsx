/** The year's stages on other pages (issue 33): a department's tasks on the 工作台, the bell in the header. */
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Card, List, Space, Tag, Tooltip, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { StageState } from '../../shared/domain/stages';
import { STAGE_STATE_LABELS } from '../../shared/domain/stages';
import { useTasks, useUnreadCount } from '../api/stage-hooks';
import { ErrorState } from './page-state';
import { formatDateTime } from '../lib/format';

export const STAGE_STATE_COLORS: Record<StageState, string> = { done: 'green', 'in-progress': 'blue', 'not-started': 'default', overdue: 'red' };

export function StageStateTag({ state }: { state: StageState }) {
  return (
    <Tag color={STAGE_STATE_COLORS[state]} data-testid="stage-state" data-state={state}>
      {STAGE_STATE_LABELS[state]}
    </Tag>
  );
}

/** The department's tasks: the open stages that apply to it, its state and the days left. */
export function StageTasksCard() {
  const tasks = useTasks(true);
  return (
    <Card title="本单位待办阶段" size="small" style={{ marginBottom: 16 }} data-testid="workbench-tasks">
      {tasks.error ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : (
        <List
          size="small"
          loading={tasks.isLoading}
          dataSource={tasks.data?.items ?? []}
          locale={{ emptyText: '财政部门尚未开启需要本单位办理的阶段' }}
          renderItem={(t) => (
            <List.Item data-testid="workbench-task" data-stage-id={t.stageId} extra={<Link to={t.link}>去办理</Link>}>
              <Space wrap>
                <Typography.Text strong>{t.title}</Typography.Text>
                <StageStateTag state={t.state} />
                <span>截止 {t.dueOn}</span>
                {t.deadlineText && (
                  <Typography.Text type={t.daysLeft < 0 ? 'danger' : t.daysLeft <= 7 ? 'warning' : undefined} data-testid="task-deadline">
                    {t.deadlineText}
                  </Typography.Text>
                )}
                {t.remindedAt !== null && (
                  <Tag color="orange" data-testid="task-reminded">
                    财政部门已于 {formatDateTime(t.remindedAt)} 催办
                  </Tag>
                )}
                {t.kind !== 'rectification' && t.total > 0 && (
                  <Typography.Text type="secondary">
                    已完成 {t.done}/{t.total} 个项目
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The bell in the header: unread notifications, to the 通知 page. */
export function NotificationBell() {
  const unread = useUnreadCount(true);
  const navigate = useNavigate();
  const count = unread.data?.unread ?? 0;
  return (
    <Tooltip title={count > 0 ? `${count} 条未读通知` : '通知'}>
      <span data-testid="notification-count" data-count={unread.data ? count : ''}>
        <Badge count={count} size="small">
          <Button data-testid="notification-bell" icon={<BellOutlined />} aria-label={count > 0 ? `通知（${count} 条未读）` : '通知'} onClick={() => navigate('/notifications')} />
        </Badge>
      </span>
    </Tooltip>
  );
}
