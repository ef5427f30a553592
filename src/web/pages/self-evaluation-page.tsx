/**
 * 绩效自评 (/projects/:id/self-evaluation): the self-evaluation table of a project — funds, overall
 * goal, per indicator the actual value (or the grade of a qualitative/deadline target), points,
 * score, deviation cause and improvement — with the total and grade computed LIVE in the browser by
 * the shared scorer as the user types, the mandatory-explanation prompts, save (PUT) with the
 * server's issues next to the fields, and the .xlsx download.
 */
import { DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Col, Input, InputNumber, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { SelfEvaluationPublication, SelfEvaluationResult } from '../../shared/api/monitoring';
import type { AchievementGrade } from '../../shared/domain/self-evaluation-config';
import { costActualOf } from '../../shared/domain/self-evaluation';
import { formatFigure } from '../../shared/domain/money';
import { parseTargetValue } from '../../shared/domain/target-value';
import { ApiError, errorMessage } from '../api/client';
import { downloads, useAcceptRescore, useSaveSelfEvaluation, useSelfEvaluation } from '../api/monitoring-hooks';
import { QueryState } from '../components/page-state';
import { SelfEvaluationProblems } from '../components/rectification-parts';
import { ScoreTag } from '../components/tags';
import { formatDateTime, formatMoney2, formatPercent, formatWanYuan2, wanInputText } from '../lib/format';
import { ACHIEVEMENT_GRADES, issuesByField, otherIssues } from '../lib/monitoring';
import { configOf, formFromResult, formToInput, liveEvaluation, type SelfEvaluationForm } from '../lib/self-evaluation-live';

type Row = SelfEvaluationResult['indicators'][number] & { index: number };

function FieldError({ messages, testId }: { messages: string[] | undefined | null; testId?: string }) {
  if (!messages || messages.length === 0) return null;
  return (
    <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} data-testid={testId ?? 'field-error'}>
      {messages.join('；')}
    </Typography.Text>
  );
}

function Prompt({ text, met }: { text: string; met: boolean }) {
  return (
    <Typography.Text type={met ? 'secondary' : 'warning'} style={{ display: 'block', fontSize: 12 }} data-testid="requirement" data-met={met}>
      {met ? '✓ ' : '⚠ '}
      {text}
    </Typography.Text>
  );
}

function Editor({ result }: { result: SelfEvaluationResult }) {
  const { message } = App.useApp();
  const [form, setForm] = useState<SelfEvaluationForm>(() => formFromResult(result));
  const [issues, setIssues] = useState<Map<string, string[]>>(new Map());
  const [failure, setFailure] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const save = useSaveSelfEvaluation(result.project.id);
  const config = useMemo(() => configOf(result), [result]);
  const live = useMemo(() => liveEvaluation(result, form, config), [result, form, config]);
  const r = live.result;

  const update = (patch: Partial<SelfEvaluationForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setDirty(true);
  };
  const setLine = (i: number, patch: Partial<SelfEvaluationForm['indicators'][number]>) => {
    setForm((f) => ({ ...f, indicators: f.indicators.map((l, k) => (k === i ? { ...l, ...patch } : l)) }));
    setDirty(true);
  };
  const at = (path: string) => issues.get(path);
  const shown = (path: string) =>
    ['spentFen', 'adjustedBudgetFen', 'executionExplanation', 'goalAchievement'].includes(path) ||
    /^indicators\.\d+\.(actual(\.\w+)?|deviationCause|improvement|weight)$/.test(path);
  const general = otherIssues(issues, shown);
  // After a refused save, bring the first field in error (or the message) into view.
  useEffect(() => {
    if (issues.size === 0 && failure === null) return;
    const el = document.querySelector('[data-testid="self-evaluation-page"] [data-testid="field-error"]') ?? document.querySelector('[data-testid="save-error"]');
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [issues, failure]);

  const submit = () => {
    setFailure(null);
    const built = formToInput(result, form);
    if (!built.ok) {
      setIssues(issuesByField(built.errors));
      setFailure('请先更正标红的字段');
      return;
    }
    save.mutate(built.input, {
      onSuccess: (saved) => {
        setIssues(new Map());
        setDirty(false);
        void message.success(saved.saveStatus === 'unchanged' ? '内容无变化' : `已保存：${saved.total} 分（${saved.grade}）`);
      },
      onError: (e) => {
        setFailure(errorMessage(e));
        setIssues(issuesByField(e instanceof ApiError ? e.issues : []));
      },
    });
  };

  // Only approved targets are evaluated (the server answers 409 otherwise).
  const evaluable = result.project.status === 'approved' || result.project.status === 'issued' || result.project.status === 'published';
  const executionReq = r.requirements.find((q) => q.code === 'execution.explain');
  const reqsOf = (i: number) => r.requirements.filter((q) => q.indicator === i);
  const rows: Row[] = result.indicators.map((ind, index) => ({ ...ind, index }));
  const unmet = r.requirements.filter((q) => !q.met);
  const blocking = r.issues.filter((i) => i.code !== 'weights.level1-unknown');
  // an approved 目标调整 changed the budget: the 全年预算数 left blank is the budget in force, not the 年初预算数
  const adjustedInForce = result.project.budgetTotalFen !== result.funds.initialBudgetFen;

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={16} align="middle">
          <Col xs={24} md={8}>
            <Space orientation="vertical" size={4}>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="project-name">
                {result.project.name}
              </Typography.Title>
              <Typography.Text type="secondary">
                {result.project.code ?? ''} {result.project.departmentName ?? ''} · 项目支出绩效自评表
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {result.updatedAt ? `已保存：${result.updatedBy ?? ''} ${formatDateTime(result.updatedAt)}，${result.total} 分（${result.grade}）` : '尚未保存自评'}
              </Typography.Text>
            </Space>
          </Col>
          <Col xs={12} md={4}>
            <Statistic title="实时总分" value={r.total.toFixed(2)} styles={{ content: { color: '#a61b29' } }} data-testid="live-total" />
          </Col>
          <Col xs={12} md={3}>
            <Statistic title="等级" value={r.grade} data-testid="live-grade" />
          </Col>
          <Col xs={24} md={9}>
            <Space wrap>
              <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} disabled={!evaluable} onClick={submit} data-testid="save-self-evaluation">
                保存自评
              </Button>
              <Button icon={<DownloadOutlined />} href={downloads.projectSelfEvaluation(result.project.id)} data-testid="download-self-evaluation">
                下载自评表（.xlsx）
              </Button>
              <Link to={`/projects/${result.project.id}/monitoring`}>运行监控 →</Link>
              {dirty && <Tag color="orange">有未保存的修改</Tag>}
            </Space>
          </Col>
        </Row>
        {!evaluable && (
          <Alert type="info" showIcon style={{ marginTop: 12 }} data-testid="not-evaluable" title="该项目的绩效目标尚未审核通过，审核通过后才能填报自评；以下仅为试算。" />
        )}
        {failure && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="save-error"
            title={failure}
            description={general.length > 0 ? general.map((g) => <div key={g}>{g}</div>) : undefined}
          />
        )}
        {(unmet.length > 0 || blocking.length > 0) && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="live-requirements"
            title={`还有 ${unmet.length + blocking.length} 项待完善（可先保存）`}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {blocking.map((i, k) => (
                  <li key={`i${k}`}>{i.indicator !== null ? `指标${i.indicator + 1}：` : ''}{i.message}</li>
                ))}
                {unmet.map((q, k) => (
                  <li key={`q${k}`}>{q.message}</li>
                ))}
              </ul>
            }
          />
        )}
      </Card>

      <SelfEvaluationProblems result={result} />
      <Card size="small" title="资金情况（万元）" style={{ marginBottom: 16 }} data-testid="funds-card">
        <Table
          size="small"
          pagination={false}
          rowKey={() => 'funds'}
          dataSource={[{}]}
          columns={[
            { title: '年初预算数', key: 'initial', render: () => <span data-testid="initial-budget">{formatMoney2(result.funds.initialBudgetFen)}</span> },
            {
              title: (
                <Tooltip title={adjustedInForce ? '留空则按目标调整后的全年预算计算' : '留空则按年初预算数计算'}>
                  <span>全年预算数</span>
                </Tooltip>
              ),
              key: 'adjusted',
              width: 200,
              render: () => (
                <>
                  <Input aria-label="全年预算数（万元）"
                    data-testid="adjusted-budget"
                    placeholder={result.project.budgetTotalFen === null ? undefined : formatWanYuan2(result.project.budgetTotalFen).replace(/,/g, '')}
                    suffix="万元"
                    value={form.adjustedBudgetText}
                    status={live.moneyErrors.adjustedBudget || at('adjustedBudgetFen') ? 'error' : undefined}
                    onChange={(e) => update({ adjustedBudgetText: e.target.value })}
                  />
                  <FieldError messages={live.moneyErrors.adjustedBudget ? [live.moneyErrors.adjustedBudget] : at('adjustedBudgetFen')} />
                </>
              ),
            },
            {
              title: '全年执行数',
              key: 'spent',
              width: 200,
              render: () => (
                <>
                  <Input aria-label="全年执行数（万元）"
                    data-testid="spent"
                    suffix="万元"
                    value={form.spentText}
                    status={live.moneyErrors.spent || at('spentFen') ? 'error' : undefined}
                    onChange={(e) => update({ spentText: e.target.value })}
                  />
                  <FieldError messages={live.moneyErrors.spent ? [live.moneyErrors.spent] : at('spentFen')} />
                </>
              ),
            },
            { title: '执行率', key: 'rate', render: () => <span data-testid="live-rate">{formatPercent(r.execution.ratePercent)}</span> },
            { title: '分值', key: 'weight', render: () => r.execution.weight },
            { title: '得分', key: 'score', render: () => <span data-testid="live-execution-score">{r.execution.score.toFixed(2)}</span> },
          ]}
        />
        {adjustedInForce && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }} data-testid="budget-in-force-note">
            全年预算数未填时按目标调整后的全年预算 {formatMoney2(result.project.budgetTotalFen)}计算（年初预算数 {formatMoney2(result.funds.initialBudgetFen)}）。
          </Typography.Paragraph>
        )}
        {executionReq && (
          <div style={{ marginTop: 8 }}>
            <Prompt text={executionReq.message} met={executionReq.met} />
            <Input.TextArea aria-label="执行率偏低的原因"
              data-testid="execution-explanation"
              placeholder="执行率偏低的原因"
              autoSize={{ minRows: 1, maxRows: 4 }}
              status={!executionReq.met ? 'warning' : undefined}
              value={form.executionExplanation}
              onChange={(e) => update({ executionExplanation: e.target.value })}
            />
            <FieldError messages={at('executionExplanation')} />
          </div>
        )}
      </Card>

      <Card size="small" title="总体目标" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">预期目标</Typography.Text>
            {result.goals.length === 0 ? <div>—</div> : result.goals.map((g, i) => <div key={i} className="pre-wrap">{g}</div>)}
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">实际完成情况</Typography.Text>
            <Input.TextArea aria-label="总体目标实际完成情况"
              data-testid="goal-achievement"
              autoSize={{ minRows: 2, maxRows: 6 }}
              value={form.goalAchievement}
              onChange={(e) => update({ goalAchievement: e.target.value })}
            />
            <FieldError messages={at('goalAchievement')} />
          </Col>
        </Row>
      </Card>

      <Card
        size="small"
        title="绩效指标"
        extra={
          <Space size={4} wrap>
            {r.categories.map((c) => (
              <Tag key={c.level1} data-testid="category-score">
                {c.level1} {c.score.toFixed(2)} / {c.weight}
              </Tag>
            ))}
          </Space>
        }
      >
        <Table<Row>
          size="small"
          data-testid="self-evaluation-indicators"
          rowKey="indicatorId"
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1300 }}
          onRow={(row) => ({ 'data-testid': 'se-indicator-row', 'data-indicator': row.indicatorId }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '一级指标', dataIndex: 'level1', width: 90, render: (v: string | null) => v ?? '—' },
            { title: '二级指标', dataIndex: 'level2', width: 100, render: (v: string | null) => v ?? '—' },
            { title: '三级指标', dataIndex: 'name', width: 160 },
            { title: '年度指标值', dataIndex: 'target', width: 110 },
            {
              title: '实际完成值',
              key: 'actual',
              width: 230,
              render: (_, row) => {
                const line = form.indicators[row.index]!;
                const p = `indicators.${row.index}.actual`;
                const serverErr = [...(at(p) ?? []), ...(at(`${p}.value`) ?? []), ...(at(`${p}.grade`) ?? []), ...(at(`${p}.percent`) ?? [])];
                if (row.graded) {
                  const band = line.grade ? config.achievementBands[line.grade] : null;
                  return (
                    <>
                      <Space.Compact style={{ width: '100%' }}>
                        <Select<AchievementGrade> aria-label="完成等级"
                          data-testid="actual-grade"
                          placeholder="完成等级"
                          style={{ width: 110 }}
                          value={line.grade ?? undefined}
                          options={ACHIEVEMENT_GRADES.map((g) => ({ value: g, label: g }))}
                          onChange={(g) => setLine(row.index, { grade: g, percent: config.achievementBands[g].max })}
                        />
                        <InputNumber aria-label="完成比例（%）"
                          data-testid="actual-percent"
                          style={{ width: 110 }}
                          disabled={!line.grade}
                          min={band?.min ?? 0}
                          max={band?.max ?? 100}
                          precision={2}
                          suffix="%"
                          value={line.percent}
                          onChange={(v) => setLine(row.index, { percent: v === null ? null : Number(v) })}
                        />
                      </Space.Compact>
                      {band && (
                        <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                          {line.grade}：{band.min}%–{band.max}%
                        </Typography.Text>
                      )}
                      <FieldError messages={serverErr} />
                    </>
                  );
                }
                const localErr = live.valueErrors[row.index];
                // a cost cap is measured by at least what was spent (issue 58): said under the value typed
                const typedValue = Number(line.valueText.replace(/[^\d.]/g, ''));
                const spent = costActualOf({ level1: row.level1, level2: row.level2, target: parseTargetValue(row.target) }, live.spentFen, line.valueText.trim() === '' || !Number.isFinite(typedValue) ? null : { kind: 'value', value: typedValue });
                return (
                  <>
                    <Input aria-label="实际完成值"
                      data-testid="actual-value"
                      value={line.valueText}
                      status={localErr || serverErr.length > 0 ? 'error' : undefined}
                      onChange={(e) => setLine(row.index, { valueText: e.target.value })}
                    />
                    <FieldError messages={localErr ? [localErr] : serverErr} />
                    {spent !== null && spent.kind === 'value' && (
                      <Typography.Text type="secondary" style={{ fontSize: 11 }} data-testid="actual-from-spending">
                        成本按全年执行数计：{formatFigure(spent.value, parseTargetValue(row.target).unit)}
                      </Typography.Text>
                    )}
                  </>
                );
              },
            },
            {
              title: '分值',
              key: 'weight',
              width: 70,
              align: 'right',
              render: (_, row) => (
                <>
                  {r.indicators[row.index]?.weight.toFixed(2)}
                  <FieldError messages={at(`indicators.${row.index}.weight`)} />
                </>
              ),
            },
            {
              title: '得分',
              key: 'score',
              width: 80,
              align: 'right',
              render: (_, row) => {
                const s = r.indicators[row.index]!;
                return (
                  <Tooltip title={s.achievedPercent !== null ? `完成率 ${formatPercent(s.achievedPercent)}` : undefined}>
                    <span data-testid="live-indicator-score">{s.score.toFixed(2)}</span>
                  </Tooltip>
                );
              },
            },
            {
              title: '偏差原因分析 / 改进措施',
              key: 'why',
              width: 380,
              render: (_, row) => {
                const line = form.indicators[row.index]!;
                const reqs = reqsOf(row.index);
                const needsCause = reqs.some((q) => !q.met);
                const needsImprovement = reqs.some((q) => q.code === 'indicator.deviation' && !q.met);
                return (
                  <>
                    {reqs.map((q) => (
                      <Prompt key={q.code} text={q.message} met={q.met} />
                    ))}
                    <Input.TextArea aria-label="偏差原因分析"
                      data-testid="deviation-cause"
                      placeholder="偏差原因分析"
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      status={at(`indicators.${row.index}.deviationCause`) ? 'error' : needsCause && line.deviationCause.trim() === '' ? 'warning' : undefined}
                      value={line.deviationCause}
                      onChange={(e) => setLine(row.index, { deviationCause: e.target.value })}
                    />
                    <FieldError messages={at(`indicators.${row.index}.deviationCause`)} />
                    <Input.TextArea aria-label="改进措施"
                      data-testid="improvement"
                      placeholder="改进措施"
                      style={{ marginTop: 4 }}
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      status={at(`indicators.${row.index}.improvement`) ? 'error' : needsImprovement && line.improvement.trim() === '' ? 'warning' : undefined}
                      value={line.improvement}
                      onChange={(e) => setLine(row.index, { improvement: e.target.value })}
                    />
                    <FieldError messages={at(`indicators.${row.index}.improvement`)} />
                  </>
                );
              },
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={5}>
                <Typography.Text strong>总分（含预算执行 {r.execution.score.toFixed(2)} 分）</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                100
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                <Typography.Text strong data-testid="live-total-row">
                  {r.total.toFixed(2)}
                </Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7}>
                <ScoreTag score={r.total} grade={r.grade} />
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
    </>
  );
}

/**
 * A published self-evaluation that a 目标调整 would re-score (issue 71): the published result stays in force; this page is
 * the re-scored version, which the unit confirms (saves it complete) and the 绩效科 accepts — said here, with the
 * 绩效科's 复核通过 when it may.
 */
function RescoreBanner({ projectId, publication, result }: { projectId: number; publication: SelfEvaluationPublication; result: SelfEvaluationResult }) {
  const accept = useAcceptRescore(projectId);
  const { message } = App.useApp();
  const was = `${publication.published.total.toFixed(2)} 分（${publication.published.grade}）`;
  const now = `${result.total.toFixed(2)} 分（${result.grade}）`;
  if (publication.status === 'accepted') {
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="rescore-banner"
        title={`按第 ${publication.newVersion} 版绩效目标重新评分的结果已于 ${formatDateTime(publication.acceptedAt!)} 经${publication.acceptedBy ?? '财政部门'}复核通过，取代此前公开的 ${was}（按第 ${publication.published.targetsVersion} 版绩效目标评分）。`}
      />
    );
  }
  const head = `目标调整（第 ${publication.newVersion} 版绩效目标）审核通过时，本项目的绩效自评结果已经公开：公开的结果 ${was} 按第 ${publication.published.targetsVersion} 版绩效目标评分，在重新评分复核通过之前仍是现行结果，公开页照常显示。`;
  const body =
    publication.status === 'awaiting_unit'
      ? `本页是按第 ${publication.newVersion} 版绩效目标重新评分的新版本（现为 ${now}）：请单位核对实际完成值、补充说明后保存；保存完整后提交财政部门复核。`
      : `单位已于 ${formatDateTime(publication.submittedAt!)} 确认重新评分的结果 ${now}（${publication.submittedBy ?? ''}），待财政部门复核；复核通过后取代公开的结果。`;
  return (
    <Alert
      type={publication.status === 'awaiting_unit' ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="rescore-banner"
      title={head}
      description={
        <Space orientation="vertical" size={8}>
          <span>{body}</span>
          {publication.canAccept && (
            <Button
              type="primary"
              data-testid="rescore-accept"
              loading={accept.isPending}
              onClick={() => accept.mutate(undefined, { onSuccess: () => void message.success('已复核通过：新结果取代公开的结果') })}
            >
              复核通过，以重新评分的结果取代公开结果
            </Button>
          )}
          {accept.error != null && <Typography.Text type="danger">{errorMessage(accept.error)}</Typography.Text>}
        </Space>
      }
    />
  );
}

export function SelfEvaluationPage() {
  const id = Number(useParams().id);
  const query = useSelfEvaluation(id);
  return (
    <div data-testid="self-evaluation-page" data-id={id}>
      <QueryState query={query} notFound="项目不存在，或您没有权限查看。">
        {(result) => (
          <>
            <Breadcrumb
              style={{ marginBottom: 12 }}
              items={[
                { title: <Link to="/self-evaluations">绩效自评</Link> },
                ...(result.project.departmentId !== null
                  ? [
                      {
                        title: (
                          <Link to={`/self-evaluations/departments/${result.project.departmentId}${result.project.year ? `?year=${result.project.year}` : ''}`}>
                            {result.project.departmentName}
                          </Link>
                        ),
                      },
                    ]
                  : []),
                { title: <Link to={`/projects/${id}`}>{result.project.name}</Link> },
                { title: '自评' },
              ]}
            />
            {result.publication && <RescoreBanner projectId={id} publication={result.publication} result={result} />}
            <Editor key={`${result.project.id}-${result.updatedAt ?? 'new'}`} result={result} />
          </>
        )}
      </QueryState>
    </div>
  );
}
