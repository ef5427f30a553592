/**
 * 结果运用 pieces shared by the results page and the public pages: the consequence tag, and the
 * self-evaluation results a region publishes (nothing at all where it does not), in the public
 * pages' light blocks (./plain).
 */
import { Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Consequence } from '../../shared/domain/results-use';
import { usePublicDepartmentResults, usePublicProjectResults } from '../api/results-hooks';
import { Panel, PlainTable } from './plain';
import { ScoreTag } from './tags';

export const CONSEQUENCE_COLORS: Record<Consequence, string> = { 优先保障: 'green', 保持: 'blue', 调整: 'orange', 压减: 'volcano', 取消: 'red' };

export function ConsequenceTag({ consequence, testId }: { consequence: Consequence; testId?: string }) {
  return (
    <Tag color={CONSEQUENCE_COLORS[consequence]} data-testid={testId}>
      {consequence}
    </Tag>
  );
}

/** A published project's self-evaluation result and consequence; nothing when the region does not publish them. */
export function PublicProjectResults({ projectId }: { projectId: number }) {
  const query = usePublicProjectResults(projectId);
  if (!query.data) return null;
  const r = query.data;
  return (
    <Panel title="绩效自评结果" testId="public-project-results">
      <Space wrap>
        <span>自评得分：</span>
        <ScoreTag score={r.total} grade={r.grade} />
        <span>结果运用：</span>
        {r.consequence === null ? <Typography.Text type="secondary">财政部门尚未确定</Typography.Text> : <ConsequenceTag consequence={r.consequence} testId="public-consequence" />}
      </Space>
      {/* which result is in force after a 目标调整 re-scored it (issue 71) */}
      {r.note && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="public-results-note">
          {r.note}
        </Typography.Paragraph>
      )}
    </Panel>
  );
}

/** A department's published self-evaluation results of a year; nothing when none is published. */
export function PublicDepartmentResults({ departmentId, year }: { departmentId: number; year: number | null }) {
  const query = usePublicDepartmentResults(departmentId, year);
  if (!query.data || query.data.projects.length === 0) return null;
  return (
    <Panel title="项目绩效自评结果">
      <PlainTable
        testId="public-department-results"
        caption="项目绩效自评结果"
        rowKey={(p) => p.projectId}
        size="small"
        rows={query.data.projects}
        empty="暂无"
        columns={[
          { key: 'name', title: '项目名称', render: (p) => <Link to={`/public/projects/${p.projectId}`}>{p.name}</Link> },
          { key: 'total', title: '自评得分', width: 120, render: (p) => <ScoreTag score={p.total} grade={p.grade} /> },
          { key: 'consequence', title: '结果运用', width: 120, render: (p) => (p.consequence === null ? '待确定' : <ConsequenceTag consequence={p.consequence} />) },
        ]}
      />
    </Panel>
  );
}
