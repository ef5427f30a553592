/**
 * 项目: the official 绩效目标表 with the review's findings and the reviewer's comments pinned to
 * their cells, the workflow actions, the workflow history and the audit log. Printable.
 */
import { AuditOutlined, EditOutlined, LineChartOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useProject } from '../api/hooks';
import { useCarryOverInfo } from '../api/carry-over-hooks';
import { CarryOverButton, PreviousYearCard } from '../components/carry-over';
import { usePeerFindings } from '../api/library-hooks';
import type { ProjectRecord } from '../api/types';
import { AdjustmentCard } from '../components/adjustment-parts';
import { AdjustedNote, adjustedText } from '../components/adjusted-note';
import { AuditLog } from '../components/audit-log';
import { EventTimeline } from '../components/event-timeline';
import { ExAnteEntry } from '../components/ex-ante-parts';
import { ExportButtons } from '../components/export-buttons';
import { FindingList } from '../components/finding-list';
import { ConvertToRectification } from '../components/rectification-parts';
import { describeForm } from '../../shared/domain/form-profile';
import { findingSourceKey } from '../../shared/domain/rectification';
import { OfficialTable, tableAnchors } from '../components/official-table';
import { QueryState } from '../components/page-state';
import { Money, ScoreTag, StatusTag } from '../components/tags';
import { DoubtList } from '../components/table-reading';
import { WorkflowActions } from '../components/workflow-actions';
import { formatDateTime } from '../lib/format';
import { anchorLabel, commentAnchor } from '../lib/labels';
import { changedSinceReturn, returnRounds } from '../lib/returns';
import type { ReviewComment } from '../api/types';

/** Scrolls the table cell of an anchor into view. */
export function scrollToAnchor(anchor: string) {
  const cell = document.querySelector(`.official-table td[data-anchor~="${CSS.escape(anchor)}"]`);
  cell?.scrollIntoView({ behavior: 'smooth', block: 'center' });
}

function ProjectView({ record }: { record: ProjectRecord }) {
  const navigate = useNavigate();
  const [focus, setFocus] = useState<string | null>(null);
  const { project } = record;
  const carryOver = useCarryOverInfo(record.id, record.version).data;
  const anchors = useMemo(() => tableAnchors(project), [project]);
  const select = (anchor: string) => {
    setFocus(anchor);
    scrollToAnchor(anchor);
  };
  const unanchored = record.comments.filter((c) => !anchors.has(commentAnchor(c.field)));
  const { rounds, other } = useMemo(() => returnRounds(record), [record]);
  const lastReturn = record.status === 'returned' ? rounds[0] : undefined;
  // 重新提交 of a project not changed since its return needs a note saying why no change is needed.
  const unchanged = record.status === 'returned' && record.allowedActions.includes('submit') && !changedSinceReturn(record);
  const commentItem = (c: ReviewComment) => (
    <div
      key={c.id}
      data-testid="comment-item"
      data-field={c.field}
      style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0', cursor: 'pointer' }}
      onClick={() => select(commentAnchor(c.field))}
    >
      <Typography.Text type="secondary">
        【{anchorLabel(c.field, project)}】{c.author} {formatDateTime(c.at)}
      </Typography.Text>
      <div className="pre-wrap">{c.text}</div>
    </div>
  );

  return (
    <div data-testid="project-page" data-id={record.id} data-version={record.version}>
      <Breadcrumb
        className="no-print"
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/projects">项目</Link> },
          { title: <Link to={`/departments/${record.department.id}${record.year ? `?year=${record.year}` : ''}`}>{record.department.name}</Link> },
          { title: project.name || '（未命名）' },
        ]}
      />
      <Card className="no-print" style={{ marginBottom: 16 }}>
        <Space align="center" wrap style={{ marginBottom: 12 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="project-name">
            {project.name || '（未命名）'}
          </Typography.Title>
          <StatusTag status={record.status} />
          {project.reading && !project.reading.certain ? (
            <Tag color="volcano" data-testid="project-ungraded">
              未评分（读取存疑）
            </Tag>
          ) : (
            <ScoreTag score={record.score?.score} grade={record.score?.grade} />
          )}
        </Space>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            { key: 'code', label: '项目编码', children: project.code ?? '—' },
            { key: 'dept', label: '单位', children: record.department.name },
            { key: 'supervisor', label: '主管部门', children: <span data-testid="project-supervisor">{record.supervisor?.name ?? '无'}</span> },
            { key: 'year', label: '年度', children: record.year ?? '—' },
            {
              key: 'budget',
              label: record.adjusted ? '预算数（调整后）' : '预算数',
              children: (
                <span data-testid="project-budget">
                  <Money fen={project.budget.total} unit={project.amountUnit} />
                </span>
              ),
            },
            { key: 'version', label: '版本', children: record.version },
            { key: 'updated', label: '最后修改', children: `${record.updatedBy ?? ''} ${formatDateTime(record.updatedAt)}`.trim() },
          ]}
        />
        {project.form && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="project-form">
            {describeForm(project.form)}
          </Typography.Paragraph>
        )}
        {record.adjusted && <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="adjusted-banner" title={`${adjustedText(record.adjusted)}调整前的版本见下方“调整记录”。`} />}
        {project.reading && !project.reading.certain && (
          <div style={{ marginTop: 12 }} data-testid="project-reading">
            <DoubtList title="此表导入时读取存疑，未评分，审核未据以提出问题" reading={project.reading} />
          </div>
        )}
        {!record.isCurrent && (
          <Alert type="info" showIcon style={{ marginTop: 12 }} title="此项目属于已被新导入替换的历史版本，仅供查看。" />
        )}
        {record.status === 'unit_submitted' && record.allowedActions.length === 0 && (
          <Alert type="info" showIcon style={{ marginTop: 12 }} data-testid="awaiting-supervisor" title="项目已提交主管部门，等待主管部门审核后转报财政；退回前不能修改。" />
        )}
        {record.status === 'section_submitted' && record.allowedActions.length === 0 && (
          <Alert type="info" showIcon style={{ marginTop: 12 }} data-testid="awaiting-section" title="项目已报财政业务科室，等待业务科室审核后转报绩效科；退回前不能修改。" />
        )}
        {record.sendingBlocked !== undefined && <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="sending-blocked" title={record.sendingBlocked} />}
        {record.status === 'submitted' && record.allowedActions.length === 0 && (
          <Alert type="info" showIcon style={{ marginTop: 12 }} title="项目已提交，等待财政局审核；退回前不能修改。" />
        )}
        {lastReturn && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="returned-banner"
            title={`第 ${lastReturn.round} 次退回：${lastReturn.event.actor} ${formatDateTime(lastReturn.event.at)}`}
            description={
              <>
                {lastReturn.event.comment && <div className="pre-wrap">意见：{lastReturn.event.comment}</div>}
                {lastReturn.comments.length > 0 && (
                  <div data-testid="returned-fields">
                    批注的字段：
                    {lastReturn.comments.map((c, i) => (
                      <Button key={c.id} type="link" size="small" style={{ padding: '0 4px' }} onClick={() => select(commentAnchor(c.field))}>
                        {anchorLabel(c.field, project)}
                        {i < lastReturn.comments.length - 1 ? '、' : ''}
                      </Button>
                    ))}
                  </div>
                )}
                {unchanged && <div>项目退回后尚未修改：修改后再提交，或在提交时说明无需修改的理由。</div>}
              </>
            }
          />
        )}
        <Space wrap style={{ marginTop: 16 }}>
          <WorkflowActions
            target={record}
            subject={{ project, findings: record.findings, gate: record.gate }}
            notes={unchanged ? { submit: '项目退回后尚未修改。如确实无需修改，请说明理由后再提交。' } : {}}
          />
          {record.editable && (
            <Button icon={<EditOutlined />} data-testid="edit-project" onClick={() => navigate(`/projects/${record.id}/edit`)}>
              编辑
            </Button>
          )}
          <Button icon={<PrinterOutlined />} data-testid="print" onClick={() => window.print()}>
            打印
          </Button>
          <ExportButtons departmentId={record.department.id} year={record.year} />
          {record.isCurrent && <ExAnteEntry projectId={record.id} />}
          {(record.status === 'approved' || record.status === 'issued' || record.status === 'published') && record.isCurrent && (
            <>
              <Button icon={<LineChartOutlined />} data-testid="open-monitoring" onClick={() => navigate(`/projects/${record.id}/monitoring`)}>
                运行监控
              </Button>
              <Button icon={<AuditOutlined />} data-testid="open-self-evaluation" onClick={() => navigate(`/projects/${record.id}/self-evaluation`)}>
                绩效自评
              </Button>
            </>
          )}
          <CarryOverButton record={record} info={carryOver} />
        </Space>
      </Card>
      {carryOver?.basis && <PreviousYearCard basis={carryOver.basis} indicators={project.indicators} />}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <OfficialTable
            project={project}
            findings={record.findings}
            comments={record.comments}
            focus={focus}
            printable
            onCellClick={(a) => setFocus(a[0] ?? null)}
            before={record.adjusted ? <AdjustedNote adjusted={record.adjusted} /> : undefined}
          />
        </Col>
        <Col xs={24} xl={8} className="no-print">
          <Card title={`审核发现（${record.findings.length}）`} size="small" style={{ marginBottom: 16 }}>
            <FindingList
              findings={record.findings}
              project={project}
              onSelect={select}
              action={record.isCurrent ? (f) => <ConvertToRectification projectId={record.id} sourceKind="finding" sourceKey={findingSourceKey(f)} text={`${f.message}（建议：${f.suggestion}）`} /> : undefined}
            />
          </Card>
          <PeerFindings record={record} project={project} onSelect={select} />
          <Card title={`审核意见（${record.comments.length}）`} size="small" data-testid="comment-list">
            {record.comments.length === 0 && <Typography.Text type="secondary">暂无审核意见</Typography.Text>}
            {rounds
              .filter((r) => r.comments.length > 0 || r.event.comment)
              .map((r) => (
                <div key={r.event.id} data-testid="comment-round" data-round={r.round} style={{ marginBottom: 8 }}>
                  <Typography.Text strong>
                    第 {r.round} 次退回 · {r.event.actor} {formatDateTime(r.event.at)}
                  </Typography.Text>
                  {r.event.comment && <div className="pre-wrap">意见：{r.event.comment}</div>}
                  {r.comments.map(commentItem)}
                </div>
              ))}
            {other.length > 0 && (
              <div data-testid="comment-round" data-round="other">
                {rounds.length > 0 && <Typography.Text strong>其他意见</Typography.Text>}
                {other.map(commentItem)}
              </div>
            )}
            {unanchored.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                其中 {unanchored.length} 条意见针对的字段不在表中显示。
              </Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      {(record.status === 'approved' || record.status === 'issued' || record.status === 'published') && record.isCurrent && <AdjustmentCard projectId={record.id} />}
      <Row gutter={16} className="no-print" style={{ marginTop: 16 }}>
        <Col xs={24} lg={8}>
          <Card title="流程记录" size="small">
            <EventTimeline events={record.events} comments={record.comments} project={project} />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card title="修改记录" size="small">
            <AuditLog record={record} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

export function ProjectPage() {
  const id = Number(useParams().id);
  const query = useProject(id);
  return (
    <QueryState query={query} notFound="项目不存在，或您没有权限查看。">
      {(record) => <ProjectView record={record} />}
    </QueryState>
  );
}

/** 同类对比: the rates far from what five or more similar projects promise (指标库), as info findings; nothing when there are none. */
function PeerFindings({ record, project, onSelect }: { record: ProjectRecord; project: ProjectRecord['project']; onSelect: (anchor: string) => void }) {
  const query = usePeerFindings(record.id, record.version);
  const findings = query.data?.findings ?? [];
  if (findings.length === 0) return null;
  return (
    <Card title={`同类项目对比（${findings.length}）`} size="small" style={{ marginBottom: 16 }}>
      <FindingList findings={findings} project={project} onSelect={onSelect} testId="peer-findings" />
    </Card>
  );
}
