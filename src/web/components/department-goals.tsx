/** 第一部分 部门整体绩效目标: the overall goal, the sub-goals and the measures (a plain Panel: also on the public pages). */
import { Typography } from 'antd';
import type { DepartmentGoals as Goals, GoalItem } from '../../shared/domain/model';
import { Panel } from './plain';

function Items({ items, testId }: { items: readonly GoalItem[]; testId: string }) {
  if (items.length === 0) return <Typography.Text type="secondary">（未填写）</Typography.Text>;
  return (
    <ol data-testid={testId} style={{ paddingLeft: 0, listStyle: 'none', margin: 0 }}>
      {items.map((item, i) => (
        <li key={i} style={{ marginBottom: 10 }}>
          <div>
            <b>
              {item.numbering ?? ''}
              {item.title}
            </b>
          </div>
          {item.text && <div className="pre-wrap">{item.text}</div>}
          {item.goalText && <div className="pre-wrap">绩效目标：{item.goalText}</div>}
          {item.indicatorText && <div className="pre-wrap">绩效指标：{item.indicatorText}</div>}
        </li>
      ))}
    </ol>
  );
}

export function DepartmentGoals({ goals }: { goals: Goals }) {
  return (
    <Panel title="第一部分　部门整体绩效目标" testId="department-goals">
      <Typography.Title level={5}>一、总体绩效目标</Typography.Title>
      {goals.overall ? (
        <Typography.Paragraph className="pre-wrap" data-testid="overall-goal">
          {goals.overall}
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary">（未填写）</Typography.Paragraph>
      )}
      <Typography.Title level={5}>二、分项绩效目标</Typography.Title>
      <Items items={goals.subGoals} testId="sub-goals" />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        三、工作保障措施
      </Typography.Title>
      <Items items={goals.measures} testId="measures" />
    </Panel>
  );
}
