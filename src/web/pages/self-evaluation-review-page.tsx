/**
 * 自评复核 (issue 59), the 绩效科's page: the 自评表 units submitted for a year, those whose self-score stands
 * farthest from the score Jixiao computes first, the share checked and the large projects; 上传自评表; the list as
 * Excel; a table opened beside it — its funds and indicators, the unit's score and Jixiao's re-scored figure side by
 * side with how each was found (issue 70: 按完成比例计算, 由复核人判断 …; a table whose reading is doubted is not
 * re-scored and says so), the findings in words — with the reviewer's conclusion (复核无误, 调整得分 with the score,
 * 退回整改), stored and audited.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, List, Radio, Space, Statistic, Table, Tag, Typography, Upload, message } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { CONCLUSION_LABELS, CONCLUSIONS, type Conclusion, type ConclusionBody, type SubmittedSelfEvaluationDetail, type SubmittedSelfEvaluationItem } from '../../shared/api/self-evaluation-review';
import { SEVERITY_LABELS } from '../../shared/domain/model';
import { errorMessage } from '../api/client';
import { useDepartmentOptions } from '../lib/use-departments';
import { reviewListDownload, useConclude, useImportSelfEvaluations, useReviewDetail, useReviewList } from '../api/self-evaluation-review-hooks';
import { EmptyState, ErrorState, Loading } from '../components/page-state';
import { formatDateTime, formatWanYuan2 } from '../lib/format';

const CONCLUSION_COLORS: Record<Conclusion, string> = { agreed: 'green', adjusted: 'orange', rectify: 'red' };
const SEVERITY_COLORS = { error: 'red', warning: 'orange', info: 'blue' } as const;

const pts = (x: number | null) => (x === null ? '—' : `${x.toFixed(2)}分`);
const gapText = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(2)}分`);

/** The year from the address, else the latest year of the stored documents, else last year. */
function useReviewYear() {
  const [params, setParams] = useSearchParams();
  const { years } = useDepartmentOptions();
  const p = params.get('year');
  const year = p && /^\d{4}$/.test(p) ? Number(p) : (years[0] ?? new Date().getFullYear() - 1);
  return { year, setYear: (y: number) => setParams({ year: String(y) }, { replace: true }) };
}

function ConclusionForm({ detail }: { detail: SubmittedSelfEvaluationDetail }) {
  const [form] = Form.useForm<ConclusionBody>();
  const conclude = useConclude();
  const chosen = Form.useWatch('conclusion', form);
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="conclusion-form"
      initialValues={{ conclusion: detail.conclusion ?? 'agreed', score: detail.conclusionScore ?? detail.recomputedScore ?? detail.selfScore, comment: detail.conclusionComment ?? '' }}
      onFinish={(values) =>
        conclude.mutate(
          { id: detail.id, body: { conclusion: values.conclusion, score: values.conclusion === 'adjusted' ? values.score : null, comment: values.comment ?? '' } },
          { onSuccess: () => void message.success('复核结论已保存') },
        )
      }
    >
      <Form.Item name="conclusion" label="复核结论" rules={[{ required: true, message: '请选择复核结论' }]}>
        <Radio.Group data-testid="conclusion-choice" options={CONCLUSIONS.map((c) => ({ value: c, label: CONCLUSION_LABELS[c] }))} optionType="button" />
      </Form.Item>
      {chosen === 'adjusted' && (
        <Form.Item name="score" label="复核后得分（分）" rules={[{ required: true, message: '调整得分须填写复核后的得分' }]}>
          <InputNumber min={0} max={100} step={0.01} precision={2} data-testid="conclusion-score" />
        </Form.Item>
      )}
      <Form.Item name="comment" label="复核说明" rules={[{ required: chosen !== 'agreed', message: '调整得分或退回整改须说明理由' }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="conclusion-comment" />
      </Form.Item>
      {conclude.isError && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errorMessage(conclude.error)} data-testid="conclusion-error" />}
      <Button type="primary" htmlType="submit" loading={conclude.isPending} data-testid="conclusion-save">
        保存复核结论
      </Button>
    </Form>
  );
}

function ReviewDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const query = useReviewDetail(id);
  const d = query.data;
  return (
    <Drawer open={id !== null} onClose={onClose} width={960} title={d ? `${d.project} · 自评复核` : '自评复核'} destroyOnHidden>
      {query.isLoading && <Loading />}
      {query.isError && <ErrorState error={query.error} notFound="没有这张自评表" />}
      {d && (
        <div data-testid="review-detail">
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="实施单位">{d.unit ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="年度">{d.year ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="对应系统内项目">{d.projectId === null ? '未对应（按项目编码、名称、单位和年度均未找到）' : <a href={`/projects/${d.projectId}`}>{d.department ? `${d.department} · ` : ''}{d.project}</a>}</Descriptions.Item>
            <Descriptions.Item label="系统内自评得分">{d.ownScore === null ? '—' : `${pts(d.ownScore)}（${d.ownGrade}）`}</Descriptions.Item>
            <Descriptions.Item label="自评总分">{`${pts(d.selfScore)}${d.selfGrade ? `（${d.selfGrade}）` : ''}`}</Descriptions.Item>
            <Descriptions.Item label="复核计算得分">
              {d.recomputedScore === null ? (
                <Typography.Text type="warning" data-testid="detail-recomputed">
                  读取存疑，未重新计分
                </Typography.Text>
              ) : (
                <>
                  <span data-testid="detail-recomputed">{`${pts(d.recomputedScore)}（${d.recomputedGrade}）`}</span>，相差 {gapText(d.gap)}
                </>
              )}
            </Descriptions.Item>
          </Descriptions>
          {d.doubts.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="读取存疑" description={d.doubts.join('；')} />}
          {d.withheld.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="未核对" description={d.withheld.join('；')} />}
          <Typography.Title level={5}>问题（{d.findingList.length} 条）</Typography.Title>
          {d.findingList.length === 0 ? (
            <Alert type="success" showIcon style={{ marginBottom: 16 }} message="自评得分与评分规则一致，未发现问题" data-testid="no-findings" />
          ) : (
            <List
              data-testid="finding-list"
              size="small"
              bordered
              style={{ marginBottom: 16 }}
              dataSource={d.findingList}
              renderItem={(f) => (
                <List.Item>
                  <Space direction="vertical" size={2}>
                    <span>
                      <Tag color={SEVERITY_COLORS[f.severity]}>{SEVERITY_LABELS[f.severity]}</Tag>
                      <Tag>{f.title}</Tag>
                      <span data-testid="finding-message">{f.message}</span>
                    </span>
                    <Typography.Text type="secondary">
                      建议：{f.suggestion}
                      {f.where ? `（${f.where}）` : ''}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
          <Typography.Title level={5}>年度资金（{d.amountUnit}）</Typography.Title>
          <Descriptions size="small" bordered column={3} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="年初预算数">{d.funds.budgetStart ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="全年预算数">{d.funds.budgetFull ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="全年执行数">{d.funds.executed ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="分值">{pts(d.funds.points)}</Descriptions.Item>
            <Descriptions.Item label="执行率">{d.funds.rate === null ? '—' : `${d.funds.rate.toFixed(2)}%`}</Descriptions.Item>
            <Descriptions.Item label="得分 / 复核计算">{`${pts(d.funds.score)} / ${pts(d.funds.recomputed)}`}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey={(_, k) => String(k)}
            pagination={false}
            style={{ marginBottom: 16 }}
            dataSource={d.indicators}
            columns={[
              { title: '一级指标', dataIndex: 'level1' },
              { title: '二级指标', dataIndex: 'level2' },
              { title: '三级指标', dataIndex: 'name' },
              { title: '年度指标值', dataIndex: 'target' },
              { title: '实际完成值', dataIndex: 'actual', render: (v: string | null) => v ?? <Typography.Text type="danger">（空）</Typography.Text> },
              { title: '分值', dataIndex: 'points', render: pts },
              { title: '自评得分', dataIndex: 'score', render: pts },
              {
                title: '复核计算',
                dataIndex: 'recomputed',
                render: (v: number | null, r) => (
                  <span data-testid="indicator-recomputed">
                    {v !== null && r.score !== null && Math.abs(v - r.score) >= 0.01 ? <Typography.Text type="danger">{pts(v)}</Typography.Text> : pts(v)}
                    {r.how !== null && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {r.how}
                      </Typography.Text>
                    )}
                  </span>
                ),
              },
              { title: '偏差原因分析', dataIndex: 'deviation', render: (v: string | null) => v ?? '—' },
            ]}
          />
          <Card size="small" title="复核结论">
            {d.conclusion !== null && (
              <Typography.Paragraph type="secondary" data-testid="conclusion-current">
                当前：{CONCLUSION_LABELS[d.conclusion]}
                {d.conclusionScore !== null ? `，复核后得分 ${pts(d.conclusionScore)}` : ''}（{d.concludedBy}，{formatDateTime(d.concludedAt)}）
              </Typography.Paragraph>
            )}
            <ConclusionForm key={`${d.id}-${d.concludedAt ?? ''}`} detail={d} />
          </Card>
        </div>
      )}
    </Drawer>
  );
}

export function SelfEvaluationReviewPage() {
  const { year, setYear } = useReviewYear();
  const query = useReviewList(year);
  const upload = useImportSelfEvaluations();
  const [open, setOpen] = useState<number | null>(null);
  const list = query.data;
  return (
    <div data-testid="self-evaluation-review-page">
      <Space align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          自评复核
        </Typography.Title>
        <InputNumber aria-label="年度" data-testid="review-year" min={2000} max={2100} value={year} onChange={(y) => y !== null && setYear(y)} addonAfter="年度" />
        <Upload
          multiple
          showUploadList={false}
          accept=".docx,.doc,.wps,.xlsx,.xls,.et,.pdf,.html,.htm,.txt"
          beforeUpload={(_, files) => {
            // once per selection: antd calls this per file with the whole selection
            if (files[0] !== _) return false;
            upload.mutate(files as unknown as File[], {
              onSuccess: (r) => {
                const refused = r.files.filter((f) => f.status === 'refused');
                if (refused.length > 0) void message.warning(refused.map((f) => f.message).join('；'));
                else void message.success(`已导入自评表 ${r.files.reduce((n, f) => n + f.tables, 0)} 张`);
              },
              onError: (e) => void message.error(errorMessage(e)),
            });
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="review-upload">
            上传自评表
          </Button>
        </Upload>
        <Button icon={<DownloadOutlined />} href={reviewListDownload(year)} data-testid="review-download">
          导出 Excel
        </Button>
      </Space>
      {query.isLoading && <Loading />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {list && (
        <>
          <Space size="large" wrap style={{ display: 'flex', marginBottom: 16 }} data-testid="review-summary">
            <Statistic title="自评表" value={list.summary.total} suffix="张" />
            <Statistic title="已复核" value={list.summary.checked} suffix={`张（${list.summary.checkedPercent.toFixed(2)}%，抽查比例 ${list.summary.targetPercent}%）`} />
            <Statistic title={`大额项目（全年预算数 ≥ ${formatWanYuan2(list.summary.largeThresholdFen)} 万元，须全部复核）`} value={list.summary.large} suffix={`个，已复核 ${list.summary.largeChecked} 个`} />
          </Space>
          {list.items.length === 0 ? (
            <EmptyState description={`${year} 年度尚无单位报送的自评表：用“上传自评表”导入`} />
          ) : (
            <Table<SubmittedSelfEvaluationItem>
              data-testid="review-table"
              rowKey="id"
              size="small"
              dataSource={list.items}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
              columns={[
                { title: '序号', key: 'rank', width: 60, render: (_, __, k) => k + 1 },
                { title: '项目名称', dataIndex: 'project', render: (v: string, r) => <a data-testid="review-open" onClick={() => setOpen(r.id)}>{v}</a> },
                { title: '实施单位', dataIndex: 'unit', render: (v: string | null) => v ?? '—' },
                {
                  title: '全年预算数（万元）',
                  dataIndex: 'budgetFullFen',
                  align: 'right',
                  render: (v: number | null, r) => (
                    <Space size={4}>
                      {v === null ? '—' : formatWanYuan2(v)}
                      {r.large && <Tag color="purple">大额</Tag>}
                    </Space>
                  ),
                },
                { title: '自评得分', dataIndex: 'selfScore', align: 'right', render: (v: number | null, r) => `${pts(v)}${r.selfGrade ? `（${r.selfGrade}）` : ''}` },
                {
                  title: '复核计算得分',
                  dataIndex: 'recomputedScore',
                  align: 'right',
                  render: (v: number | null, r) => (v === null ? <Tag color="gold">读取存疑，未计分</Tag> : `${pts(v)}（${r.recomputedGrade}）`),
                },
                { title: '相差', dataIndex: 'gap', align: 'right', render: (v: number | null) => (v !== null && Math.abs(v) >= 0.01 ? <Typography.Text type="danger">{gapText(v)}</Typography.Text> : gapText(v)) },
                { title: '系统内自评', dataIndex: 'ownScore', align: 'right', render: (v: number | null) => pts(v) },
                { title: '问题', key: 'findings', render: (_, r) => (r.findings === 0 ? '无' : <span>{r.findings} 条{r.errors > 0 && <Tag color="red" style={{ marginLeft: 4 }}>错误 {r.errors}</Tag>}</span>) },
                { title: '复核结论', dataIndex: 'conclusion', render: (v: Conclusion | null) => (v === null ? <Tag>未复核</Tag> : <Tag color={CONCLUSION_COLORS[v]}>{CONCLUSION_LABELS[v]}</Tag>) },
              ]}
            />
          )}
        </>
      )}
      <ReviewDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
