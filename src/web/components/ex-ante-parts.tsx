/** Small pieces of 事前绩效评估: status, conclusion and need tags, and the project page's entry. */
import { FileSearchOutlined } from '@ant-design/icons';
import { Button, Tag, Tooltip } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { ExAnteNeedView } from '../../shared/api/ex-ante';
import { CONCLUSION_LABELS, EX_ANTE_STATUS_LABELS, type ExAnteConclusion, type ExAnteStatus } from '../../shared/domain/ex-ante';
import { useExAnte } from '../api/ex-ante-hooks';

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
  if (conclusion === null) return <span style={{ color: '#999' }}>—</span>;
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
