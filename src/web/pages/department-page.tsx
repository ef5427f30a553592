/** 部门: part one of the department's document, its projects with totals, status counts, exports, year switch. */
import { Alert, Breadcrumb, Card, Col, Collapse, Descriptions, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useDepartment } from '../api/hooks';
import { useAuth } from '../auth/auth-context';
import { DepartmentApprovalBatches } from '../components/approval-batches';
import { DepartmentCarryOver } from '../components/carry-over';
import type { DepartmentDetail, ProjectListItem, StatusCounts as Counts } from '../api/types';
import { DepartmentGoals } from '../components/department-goals';
import { WithdrawDocumentButton } from '../components/document-withdrawal';
import { ExportButtons } from '../components/export-buttons';
import { DepartmentTargetsTable } from '../components/official-table';
import { FindingList } from '../components/finding-list';
import { QueryState } from '../components/page-state';
import { StatusCounts } from '../components/status-counts';
import { CategoryTags, Money, ScoreTag, StatusTag } from '../components/tags';
import { formatDateTime } from '../lib/format';
import { SEVERITY_COLORS, SEVERITY_LABELS } from '../lib/labels';
import { ruleLabel } from '../lib/rule-labels';
import { describeForm } from '../../shared/domain/form-profile';
import { getFramework } from '../../shared/domain/framework';
import { FORMAT_NAMES } from '../../shared/domain/model';

function statusCountsOf(projects: readonly ProjectListItem[]): Counts {
  const counts: Counts = {};
  for (const p of projects) counts[p.status] = (counts[p.status] ?? 0) + 1;
  return counts;
}

function DepartmentView({ detail, onYear }: { detail: DepartmentDetail; onYear: (y: number) => void }) {
  const { department, document: doc, totals } = detail;
  const { user } = useAuth();
  // 下年目标: the department's editors and admins start next year's tables (reviewers review them).
  const mayCarryOver = user !== null && (user.role === 'admin' || (user.role === 'editor' && user.departmentId === department.id));
  return (
    <div data-testid="department-page" data-id={department.id}>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/departments">部门</Link> }, { title: department.name }]} />
      <Card style={{ marginBottom: 16 }}>
        <Space align="center" wrap style={{ marginBottom: 12 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {department.name}
          </Typography.Title>
          {department.code && <Tag>{department.code}</Tag>}
          <ScoreTag score={detail.score?.score} grade={detail.score?.grade} />
          <Select aria-label="年度"
            data-testid="department-year"
            style={{ width: 110 }}
            value={detail.year ?? undefined}
            options={detail.years.map((y) => ({ value: y, label: `${y}年` }))}
            onChange={(y: number) => onYear(y)}
          />
        </Space>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 4 }}
          items={[
            { key: 'total', label: '预算合计', children: <Money fen={totals.budgetTotalFen} /> },
            { key: 'fiscal', label: '财政资金', children: <Money fen={totals.fiscalFen} /> },
            { key: 'other', label: '其他资金', children: <Money fen={totals.otherFen} /> },
            { key: 'count', label: '项目数', children: detail.projects.length },
            {
              key: 'file',
              label: '来源文件',
              children: (
                <Space size={8} wrap>
                  <span data-testid="department-document">{`${doc.fileName}（${FORMAT_NAMES[doc.format]}）`}</span>
                  <WithdrawDocumentButton documentId={doc.id} />
                </Space>
              ),
            },
            ...(detail.otherDocuments.length > 0
              ? [
                  {
                    key: 'others',
                    label: '同年其他文件',
                    children: (
                      <span data-testid="other-documents">
                        {detail.otherDocuments.map((d, i) => (
                          <Space key={d.id} size={8} wrap>
                            {`${i > 0 ? '、' : ''}${d.fileName}（${d.projectCount} 个项目）`}
                            <WithdrawDocumentButton documentId={d.id} />
                          </Space>
                        ))}
                      </span>
                    ),
                  },
                ]
              : []),
            { key: 'imported', label: '导入时间', children: formatDateTime(doc.importedAt) },
            { key: 'fw', label: '指标体系', children: getFramework(doc.frameworkVersion)?.name ?? doc.frameworkVersion },
            { key: 'status', label: '状态', children: <StatusCounts counts={statusCountsOf(detail.projects)} /> },
          ]}
        />
        {detail.forms.length > 0 && (
          <div data-testid="department-forms" style={{ marginTop: 8 }}>
            {detail.forms.map((f, i) => (
              <Typography.Paragraph key={i} type="secondary" style={{ marginBottom: 0 }}>
                {describeForm(f.form)}
                {detail.forms.length > 1 && `（${f.projectCount} 个项目）`}
              </Typography.Paragraph>
            ))}
          </div>
        )}
        <Space wrap style={{ marginTop: 12 }}>
          <ExportButtons departmentId={department.id} year={detail.year} />
          {mayCarryOver && detail.year !== null && <DepartmentCarryOver departmentId={department.id} year={detail.year} />}
        </Space>
      </Card>
      <DepartmentGoals goals={detail.goals} />
      {detail.departmentTargets && (
        <Card title="部门整体支出绩效目标" size="small" style={{ marginBottom: 16 }}>
          <DepartmentTargetsTable targets={detail.departmentTargets} />
        </Card>
      )}
      <Card title={`第二部分　预算项目绩效目标（${detail.projects.length}）`} size="small" style={{ marginBottom: 16 }}>
        <Table<ProjectListItem>
          data-testid="department-projects"
          rowKey="id"
          size="small"
          dataSource={detail.projects}
          pagination={false}
          locale={{ emptyText: '没有项目' }}
          onRow={() => ({ 'data-testid': 'project-row' }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: '序号', key: 'i', width: 60, render: (_, __, i) => i + 1 },
            { title: '项目编码', dataIndex: 'code', width: 190, render: (c: string | null) => c ?? '—' },
            { title: '项目名称', dataIndex: 'name', render: (n: string, r) => <Link to={`/projects/${r.id}`}>{n || '（未命名）'}</Link> },
            { title: '预算', dataIndex: 'budgetTotalFen', align: 'right', width: 160, render: (f: number | null) => <Money fen={f} /> },
            { title: '状态', dataIndex: 'status', width: 90, render: (s) => <StatusTag status={s} /> },
            { title: '质量分', dataIndex: 'qualityScore', width: 100, render: (s: number | null, r) => <ScoreTag score={s} grade={r.qualityGrade} /> },
            {
              title: '审核发现',
              key: 'f',
              render: (_, r) => (
                <Space size={2} wrap>
                  <span>{r.findingCount}</span>
                  <CategoryTags categories={r.categories} />
                </Space>
              ),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                <b>合计</b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <b data-testid="department-total">
                  <Money fen={totals.budgetTotalFen} />
                </b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} colSpan={3} />
            </Table.Summary.Row>
          )}
        />
      </Card>
      <DepartmentApprovalBatches departmentId={department.id} year={detail.year} projects={detail.projects} mayIssue={user?.role === 'reviewer'} />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={`部门层面审核发现（${detail.documentFindings.length}）`} size="small" style={{ marginBottom: 16 }}>
            <FindingList findings={detail.documentFindings} testId="document-findings" />
          </Card>
          {detail.repeatedFindings.length > 0 && (
            <Card title={`多个项目重复出现的问题（${detail.repeatedFindings.length} 条规则）`} size="small" style={{ marginBottom: 16 }} data-testid="repeated-findings">
              {detail.repeatedFindings.map((g) => (
                <div key={g.rule} data-testid="repeated-finding" data-rule={g.rule} data-projects={g.projects.length} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                  <Space size={4} wrap>
                    <Tag color={SEVERITY_COLORS[g.severity]}>{SEVERITY_LABELS[g.severity]}</Tag>
                    <CategoryTags categories={[g.category]} />
                    {ruleLabel(g.rule) !== null && (
                      <Typography.Text strong data-testid="repeated-finding-rule">
                        {ruleLabel(g.rule)}
                      </Typography.Text>
                    )}
                    <Typography.Text strong>
                      {g.count} 条，{g.projects.length} 个项目
                    </Typography.Text>
                  </Space>
                  <div style={{ marginTop: 4 }}>例：{g.example.message}</div>
                  <div style={{ color: '#666', fontSize: 13 }}>建议：{g.example.suggestion}</div>
                  <div style={{ marginTop: 4 }}>
                    {g.projects.map((p, i) => (
                      <span key={p.id}>
                        {i > 0 && '、'}
                        <Link to={`/projects/${p.id}`}>{p.name}</Link>
                      </span>
                    ))}
                  </div>
                </div>
              ))}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={12}>
          <Collapse
            items={[
              {
                key: 'diag',
                label: `导入诊断（${doc.diagnostics.length}）`,
                children:
                  doc.diagnostics.length === 0 ? (
                    <Typography.Text type="secondary">导入时没有诊断信息</Typography.Text>
                  ) : (
                    doc.diagnostics.map((d, i) => (
                      <div key={i} style={{ marginBottom: 6 }}>
                        <Tag color={SEVERITY_COLORS[d.severity]}>{SEVERITY_LABELS[d.severity]}</Tag>
                        <Typography.Text type="secondary">第{d.source.line}行 </Typography.Text>
                        {d.message}
                      </div>
                    ))
                  ),
              },
            ]}
          />
        </Col>
      </Row>
    </div>
  );
}

export function DepartmentPage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const yearParam = params.get('year');
  const year = yearParam && /^\d+$/.test(yearParam) ? Number(yearParam) : null;
  const query = useDepartment(id, year);
  return (
    <QueryState query={query} notFound="部门不存在，或您没有权限查看。">
      {(detail) => (
        <>
          {year !== null && detail.year !== year && <Alert type="info" title={`没有 ${year} 年的数据，显示 ${detail.year ?? ''} 年`} style={{ marginBottom: 12 }} />}
          <DepartmentView detail={detail} onYear={(y) => setParams({ year: String(y) })} />
        </>
      )}
    </QueryState>
  );
}
