/** Small pieces of 事前绩效评估: status, conclusion and need tags, the project page's entry, the workbench's line. */
import { FileSearchOutlined } from '@ant-design/icons';
import { Alert, Button, Tag, Tooltip } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { ExAnteNeedView, ExAnteOfProjects } from '../../shared/api/ex-ante';
import { CONCLUSION_LABELS, EX_ANTE_STATUS_LABELS, type ExAnteConclusion, type ExAnteStatus } from '../../shared/domain/ex-ante';
import { useExAnte, useExAnteList } from '../api/ex-ante-hooks';

const STATUS_COLORS: Record<ExAnteStatus, string> = { draft: 'default', submitted: 'processing', returned: 'error', approved: 'success' };
const CONCLUSION_COLORS: Record<ExAnteConclusion, string> = { support: 'green', partial: 'gold', reject: 'red' };

export function ExAnteStatusTag({ status }: { status: ExAnteStatus | null }) {
  if (status === null) return <Tag data-testid="ex-ante-status">未填写</Tag>;
  return (
    <Tag data-testid="ex-ante-status" data-status={status} color={STATUS_COLORS[status]}>
      {EX_ANTE_STATUS_LABELS[status]}
    </Tag>
  );
}

export function ConclusionTag({ conclusion }: { conclusion: ExAnteConclusion | null }) {
  if (conclusion === null) return <span style={{ color: 'rgba(0, 0, 0, 0.6)' }}>—</span>;
  return (
    <Tag data-testid="ex-ante-conclusion" data-conclusion={conclusion} color={CONCLUSION_COLORS[conclusion]}>
      {CONCLUSION_LABELS[conclusion]}
    </Tag>
  );
}

/** 需事前评估 with why (new project, budget change), or nothing. */
export function NeedTag({ need }: { need: ExAnteNeedView }) {
  if (!need.needed) return null;
  return (
    <Tooltip title={need.label}>
      <Tag data-testid="ex-ante-need" data-reason={need.reason} color="volcano">
        {need.reason === 'new' ? '新增项目 · 需事前评估' : '预算变动较大 · 需事前评估'}
      </Tag>
    </Tooltip>
  );
}

/** On the project page: whether the project needs an assessment, its state, and the way to it. */
export function ExAnteEntry({ projectId }: { projectId: number }) {
  const navigate = useNavigate();
  const query = useExAnte(projectId);
  const view = query.data;
  if (view === undefined) return null;
  const a = view.assessment;
  if (a === null && !view.need.needed && !view.canCreate) return null;
  return (
    <span data-testid="ex-ante-entry">
      <NeedTag need={view.need} />
      {a !== null && <ExAnteStatusTag status={a.status} />}
      <Button icon={<FileSearchOutlined />} data-testid="open-ex-ante" onClick={() => navigate(`/projects/${projectId}/ex-ante`)}>
        事前评估{a !== null ? `（${a.totalPoints} 分）` : ''}
      </Button>
    </span>
  );
}

/**
 * On the workbench: what waits in 事前绩效评估 — for an editor the projects still to assess and the
 * returned assessments, for the finance bureau the submitted ones — with the way to the list.
 */
export function ExAnteWorkbenchLine({ role }: { role: 'reviewer' | 'editor' }) {
  const query = useExAnteList(null, null);
  const c = query.data?.counts;
  if (c === undefined) return null;
  const parts =
    role === 'editor'
      ? [c.neededWithout > 0 && `${c.neededWithout} 个项目需评估尚未填写`, c.returned > 0 && `${c.returned} 个评估被退回`, c.draft > 0 && `${c.draft} 个草稿`]
      : [c.submitted > 0 && `${c.submitted} 个评估待审核`, c.neededWithout > 0 && `${c.neededWithout} 个项目需评估尚未填写`];
  const shown = parts.filter((p): p is string => typeof p === 'string');
  if (shown.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="workbench-ex-ante"
      title={
        <span>
          事前绩效评估（{query.data!.year}年）：{shown.join('，')}。<Link to={role === 'editor' ? '/ex-ante' : '/ex-ante?status=submitted'}>去处理 →</Link>
        </span>
      }
    />
  );
}

/** In a project list, beside the name: 需事前评估 (with why) until an assessment exists, then its state. */
export function ExAnteListTag({ item }: { item: ExAnteOfProjects['items'][number] | undefined }) {
  if (item === undefined) return null;
  if (item.status === null) return item.need.needed ? <NeedTag need={item.need} /> : null;
  return (
    <Tooltip title={item.need.label ?? undefined}>
      <Tag data-testid="ex-ante-list-tag" data-status={item.status} color={STATUS_COLORS[item.status]}>
        事前评估 · {EX_ANTE_STATUS_LABELS[item.status]}
        {item.conclusion !== null && item.status === 'approved' ? ` · ${CONCLUSION_LABELS[item.conclusion]}` : ''}
      </Tag>
    </Tooltip>
  );
}
