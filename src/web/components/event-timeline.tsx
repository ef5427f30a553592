/** The workflow history of a project: each transition with who, when and the comment. */
import { Timeline } from 'antd';
import type { ReviewComment, WorkflowEvent } from '../api/types';
import { formatDateTime } from '../lib/format';
import { anchorLabel, STATUS_LABELS } from '../lib/labels';
import type { Project } from '../../shared/domain/model';
import { EmptyState } from './page-state';

const COLORS: Record<string, string> = { unit_submitted: 'cyan', section_submitted: 'geekblue', submitted: 'blue', returned: 'orange', approved: 'green', published: 'purple', draft: 'gray' };

/**
 * The level that took a step (levels of review): the unit submits, its 主管部门 forwards or returns,
 * its business section (业务科室) forwards or returns, the performance section (绩效科) the rest.
 */
function levelOf(e: WorkflowEvent): string {
  if (e.fromStatus === 'unit_submitted') return '主管部门';
  if (e.fromStatus === 'section_submitted') return '业务科室';
  if (e.toStatus === 'submitted' || e.toStatus === 'unit_submitted' || e.toStatus === 'section_submitted') return '单位';
  return '绩效科';
}

export function EventTimeline({
  events,
  comments,
  project,
}: {
  events: readonly WorkflowEvent[];
  comments: readonly ReviewComment[];
  project?: Project;
}) {
  if (events.length === 0) return <EmptyState description="尚无流程记录（草稿）" />;
  return (
    <div data-testid="event-timeline">
      <Timeline
        items={events.map((e) => {
          const fieldComments = comments.filter((c) => c.eventId === e.id);
          return {
            key: e.id,
            color: COLORS[e.toStatus] ?? 'gray',
            title: formatDateTime(e.at),
            content: (
              <div data-testid="event-item" data-to={e.toStatus} data-from={e.fromStatus} data-level={levelOf(e)}>
                <div>
                  <span style={{ color: '#595959' }}>[{levelOf(e)}]</span> <b>{e.actor}</b>：{STATUS_LABELS[e.fromStatus] ?? e.fromStatus} → {STATUS_LABELS[e.toStatus] ?? e.toStatus}
                </div>
                {e.comment && <div className="pre-wrap">意见：{e.comment}</div>}
                {fieldComments.map((c) => (
                  <div key={c.id} style={{ color: '#555' }}>
                    【{anchorLabel(c.field, project)}】{c.text}
                  </div>
                ))}
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
