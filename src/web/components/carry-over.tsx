/**
 * 下年目标 (carry-over) on the screens: the button that starts next year's table from an approved
 * project, the department's batch, last year's targets and actual values beside a carried-over
 * project's indicators (its page and its editor), and the place for last year's open rectification
 * items (整改: empty until that module is merged).
 */
import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, List, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ACTUAL_SOURCE_LABELS, matchPreviousIndicators, type PreviousIndicator } from '../../shared/domain/carry-over';
import type { Indicator } from '../../shared/domain/model';
import { STATUS_LABELS } from '../../shared/domain/workflow';
import { useCarryOver, useDepartmentCarryOver, type CarryOverInfo, type DepartmentCarryOverResult } from '../api/carry-over-hooks';
import type { ProjectRecord } from '../api/types';
import { Money, StatusTag } from './tags';
import { ActionModal } from './action-modal';

type Basis = NonNullable<CarryOverInfo['basis']>;

export const CARRY_OVER_LABEL = '以本年为基础编制下年';

/** Last year's actual value as one line: "1200人次（自评实际 2026-02-01）", or a dash. */
export function ActualText({ previous }: { previous: PreviousIndicator | null }) {
  if (previous === null) return <Typography.Text type="secondary">上年无此指标</Typography.Text>;
  if (previous.actual === null) return <Typography.Text type="secondary">无实际值</Typography.Text>;
  const a = previous.actual;
  return (
    <span>
      <b>{a.text}</b>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        （{a.projected ? '监控预计全年' : ACTUAL_SOURCE_LABELS[a.source]} {a.date}）
      </Typography.Text>
    </span>
  );
}

/** The editor's line under an indicator: last year's target and actual value. */
export function PreviousYearLine({ previous, year, index }: { previous: PreviousIndicator | null; year: number; index: number }) {
  return (
    <div className="previous-year" data-testid={`previous-year-${index}`} style={{ background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 4, padding: '4px 8px', marginBottom: 8 }}>
      <Typography.Text type="secondary">上年（{year}年）：</Typography.Text>
      {previous === null ? (
        <Typography.Text type="secondary">上年无此指标</Typography.Text>
      ) : (
        <>
          指标值 <b data-testid="previous-target">{previous.target || '—'}</b>，实际 <ActualText previous={previous} />
        </>
      )}
    </div>
  );
}

/** For each row, last year's indicator it continues (by name). */
export function previousOfRows(rows: readonly { name: string }[], basis: Basis | null): (PreviousIndicator | null)[] | null {
  if (basis === null || basis.source.year === null) return null;
  return matchPreviousIndicators(rows, basis.indicators, basis.source.year);
}

/** The rectification items of last year's project still open, each linked to its page. */
function OpenRectifications({ basis }: { basis: Basis }) {
  return (
    <div data-testid="open-rectifications" style={{ marginTop: 12 }}>
      <Typography.Text strong>上年未完成的整改事项（{basis.openRectifications.length}）</Typography.Text>
      {basis.openRectifications.length === 0 ? (
        <div>
          <Typography.Text type="secondary">暂无未完成的整改事项</Typography.Text>
        </div>
      ) : (
        <List size="small" dataSource={basis.openRectifications} renderItem={(r) => (
            <List.Item data-testid="open-rectification">
              <Link to={`/rectifications/${r.id}`}>{r.title}</Link>（{r.status}）
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

/** The project page's card of a carried-over project: last year's project, budget, and each indicator's target and actual beside this year's. */
export function PreviousYearCard({ basis, indicators }: { basis: Basis; indicators: readonly Indicator[] }) {
  const previous = previousOfRows(indicators, basis) ?? [];
  const year = basis.source.year;
  const rows = indicators.map((ind, i) => ({ key: i, ind, prev: previous[i] ?? null }));
  const unmatched = basis.indicators.filter((p) => !previous.includes(p));
  return (
    <Card title={`上年实际（以 ${year} 年项目为基础编制）`} size="small" style={{ marginBottom: 16 }} data-testid="previous-year-card" className="no-print">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        items={[
          { key: 'src', label: '上年项目', children: <Link to={`/projects/${basis.source.id}`}>{basis.source.name}</Link> },
          { key: 'status', label: '上年状态', children: <StatusTag status={basis.source.status} /> },
          { key: 'budget', label: '上年预算数', children: <Money fen={basis.source.budget.total} unit={basis.source.amountUnit} /> },
          { key: 'by', label: '编制', children: `${basis.createdBy} ${basis.createdAt.slice(0, 10)}` },
        ]}
      />
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        data-testid="previous-year-table"
        dataSource={rows}
        scroll={{ x: true }}
        columns={[
          { title: '三级指标', key: 'name', render: (_, r) => r.ind.name },
          { title: '本年指标值', key: 'target', render: (_, r) => r.ind.target.raw || '—' },
          { title: `${year}年指标值`, key: 'prev', render: (_, r) => r.prev?.target ?? <Typography.Text type="secondary">新增指标</Typography.Text> },
          { title: `${year}年实际`, key: 'actual', render: (_, r) => (r.prev === null ? '—' : <ActualText previous={r.prev} />) },
        ]}
      />
      {unmatched.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="dropped-indicators">
          上年有、本年未保留的指标：{unmatched.map((p) => `${p.name}（${p.target}）`).join('、')}
        </Typography.Paragraph>
      )}
      <OpenRectifications basis={basis} />
    </Card>
  );
}

/** The project page's part: the button for an eligible project, a link to next year's project, the card of a carried-over one. */
export function CarryOverButton({ record, info }: { record: ProjectRecord; info: CarryOverInfo | undefined }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const carry = useCarryOver();
  const [confirming, setConfirming] = useState(false);
  if (info === undefined) return null;
  const next = info.next[0];
  if (next !== undefined) {
    return (
      <Link to={`/projects/${next.id}`} data-testid="next-year-project">
        <Tag color="green">
          下年项目：{next.year}年 {next.name}（{STATUS_LABELS[next.status]}）
        </Tag>
      </Link>
    );
  }
  if (!info.canCarryOver) return null;
  const year = record.year ?? 0;
  return (
    <>
      <Button icon={<CopyOutlined />} data-testid="carry-over" onClick={() => setConfirming(true)}>
        {CARRY_OVER_LABEL}
      </Button>
      <ActionModal
        open={confirming}
        title={`以 ${year} 年项目为基础编制 ${year + 1} 年绩效目标表`}
        okText="编制草稿"
        cancelText="取消"
        request={carry}
        errorTestId="carry-over-error"
        okButtonProps={{ 'data-testid': 'carry-over-confirm' }}
        onCancel={() => setConfirming(false)}
        onOk={async () => {
          try {
            const result = await carry.mutateAsync(record.id);
            setConfirming(false);
            void message.success(`已生成 ${result.project.year} 年草稿：${result.indicators} 个指标，其中 ${result.withActual} 个附本年实际值`);
            navigate(`/projects/${result.project.id}/edit`);
          } catch {
            // the reason shows in the dialog, above its button
          }
        }}
      >
        <p>将生成“{record.project.name}”{year + 1} 年的草稿：</p>
        <ul>
          <li>沿用本年的绩效目标、各项指标及指标值，供修改；</li>
          <li>每个指标旁显示本年的实际值（自评实际值，未自评时为最近一次监控值），有实际值的指标依据写为“历史标准”；</li>
          <li>目标中的“{year}年”改为“{year + 1}年”（规划期、文件名中的年份不改）；</li>
          <li>预算数和项目编码留待填写，资金支出计划按本年的百分比。</li>
        </ul>
      </ActionModal>
    </>
  );
}

/** The department page's batch: every approved and published project of the year, one dialog with each result. */
export function DepartmentCarryOver({ departmentId, year }: { departmentId: number; year: number }) {
  const carry = useDepartmentCarryOver(departmentId);
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<DepartmentCarryOverResult | null>(null);
  const close = () => {
    setOpen(false);
    setResult(null);
  };
  return (
    <>
      <Button icon={<CopyOutlined />} data-testid="department-carry-over" onClick={() => setOpen(true)}>
        {CARRY_OVER_LABEL}
      </Button>
      <ActionModal
        open={open}
        title={`以 ${year} 年为基础编制 ${year + 1} 年绩效目标表`}
        onCancel={close}
        okText={result ? '关闭' : '编制草稿'}
        cancelButtonProps={result ? { style: { display: 'none' } } : {}}
        request={carry}
        errorTestId="department-carry-over-error"
        okButtonProps={{ 'data-testid': 'department-carry-over-confirm' }}
        onOk={() => {
          if (result) close();
          // a refusal shows in the dialog, above its button (ActionModal); the dialog stays open
          else carry.mutate(year, { onSuccess: setResult });
        }}
      >
        {!result && <p>本单位 {year} 年已审核、已公开的每个项目都将生成 {year + 1} 年草稿（沿用指标和指标值，附本年实际值，预算待填写）；下年已有同名项目的不再生成。</p>}
        {result && (
          <div data-testid="department-carry-over-result">
            <Alert
              type={result.created.length > 0 ? 'success' : 'info'}
              showIcon
              style={{ marginBottom: 12 }}
              title={`已编制 ${result.created.length} 个 ${result.toYear} 年草稿，未编制 ${result.skipped.length} 个`}
            />
            <List
              size="small"
              dataSource={[
                ...result.created.map((c) => ({ key: `c${c.project.id}`, ok: true, name: c.project.name, id: c.project.id, text: `${c.indicators} 个指标，${c.withActual} 个附本年实际值` })),
                ...result.skipped.map((s) => ({ key: `s${s.id}`, ok: false, name: s.name, id: s.id, text: s.reason })),
              ]}
              renderItem={(r) => (
                <List.Item data-testid="carry-over-outcome" data-ok={r.ok}>
                  <Tag color={r.ok ? 'green' : 'default'}>{r.ok ? '已编制' : '未编制'}</Tag>
                  <Link to={`/projects/${r.id}${r.ok ? '/edit' : ''}`}>{r.name}</Link>：{r.text}
                </List.Item>
              )}
            />
          </div>
        )}
      </ActionModal>
    </>
  );
}
