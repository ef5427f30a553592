/**
 * 安全审计 (the security auditor, 三员分立): the audit log of the whole system and the sign-in
 * records, filtered by person, action (or result) and date, a page at a time, newest first.
 * Read-only: the auditor changes nothing.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import type { AuditLogEntry, SignInRecord } from '../../shared/api/audit';
import { useAuditActions, useAuditLog, useSignIns } from '../api/hooks';
import { ErrorState } from '../components/page-state';
import { auditActionLabel } from '../../shared/audit/actions';
import { auditActorName, historyActorName } from '../../shared/audit/history';
import { detailText, signInReasonText } from '../../shared/audit/log-entry';
import { formatDateTime } from '../lib/format';
import { usePhone } from '../lib/use-phone';
import { AccountChangesNotice, AfterCodeTag } from '../components/audit-marks';

const PAGE_SIZE = 20;

interface Filters {
  person: string;
  from: Dayjs | null;
  to: Dayjs | null;
  /** Only what accounts did in their first day after a one-time code. */
  afterCode: boolean;
}

const NO_FILTERS: Filters = { person: '', from: null, to: null, afterCode: false };

const day = (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined);

/** The query both a list and its export send. */
function filterQuery(f: Filters, extra: Record<string, string | undefined>): Record<string, string | undefined> {
  return { person: f.person || undefined, from: day(f.from), to: day(f.to), afterCode: f.afterCode ? 'true' : undefined, ...extra };
}

/** The export of a list as filtered (.xlsx, downloaded by the browser with its cookie). */
function exportHref(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  const s = params.toString();
  return `${path}${s === '' ? '' : `?${s}`}`;
}

/** Person and dates, shared by both tabs; `extra` is the tab's own filter; `exportTo` its export. */
function FilterBar({ value, onChange, extra, testid, exportTo }: { value: Filters; onChange: (f: Filters) => void; extra?: ReactNode; testid: string; exportTo: string }) {
  const [person, setPerson] = useState(value.person);
  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid={testid}>
      <Input.Search
        aria-label="人员"
        placeholder="人员：用户名或姓名"
        allowClear
        value={person}
        onChange={(e) => setPerson(e.target.value)}
        onSearch={(v) => onChange({ ...value, person: v.trim() })}
        style={{ width: 220 }}
        data-testid={`${testid}-person`}
      />
      {extra}
      <DatePicker aria-label="开始日期" placeholder="开始日期" value={value.from} onChange={(d) => onChange({ ...value, from: d })} data-testid={`${testid}-from`} />
      <DatePicker aria-label="结束日期" placeholder="结束日期" value={value.to} onChange={(d) => onChange({ ...value, to: d })} data-testid={`${testid}-to`} />
      <Checkbox checked={value.afterCode} onChange={(e) => onChange({ ...value, afterCode: e.target.checked })} data-testid={`${testid}-after-code`}>
        只看一次性密码登录后首日
      </Checkbox>
      <Button
        onClick={() => {
          setPerson('');
          onChange(NO_FILTERS);
        }}
      >
        清除筛选
      </Button>
      <Button icon={<DownloadOutlined />} href={exportTo} data-testid={`${testid}-export`}>
        导出 Excel
      </Button>
    </Space>
  );
}

function AuditLogTab() {
  const phone = usePhone();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [action, setAction] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const actions = useAuditActions();
  const query = useAuditLog({ ...filterQuery(filters, { action }), page, pageSize: PAGE_SIZE });
  const change = (f: Filters) => {
    setFilters(f);
    setPage(1);
  };
  return (
    <>
      <FilterBar
        testid="audit-filter"
        value={filters}
        onChange={change}
        exportTo={exportHref('/api/audit/log.xlsx', filterQuery(filters, { action }))}
        extra={
          <Select
            aria-label="操作"
            placeholder="操作"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 220 }}
            value={action}
            onChange={(v: string | undefined) => {
              setAction(v);
              setPage(1);
            }}
            options={(actions.data?.actions ?? []).map((a) => ({ value: a, label: auditActionLabel(a) }))}
            data-testid="audit-filter-action"
          />
        }
      />
      {query.isError ? (
        <ErrorState error={query.error} />
      ) : (
        <Table<AuditLogEntry>
          data-testid="audit-log-table"
          className={phone ? 'phone-blocks' : undefined}
          size="small"
          rowKey="id"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: query.data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => `共 ${n} 条` }}
          columns={phone ? [
            {
              // a phone (issue 71): each entry a block, its 对象 and 内容 under its time, person and action, where the table put them off the screen
              title: '审计日志',
              key: 'entry',
              render: (_, e) => (
                <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid="audit-entry-card">
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(e.at)} · {historyActorName(e)}
                  </Typography.Text>
                  <span>
                    <Typography.Text strong>{auditActionLabel(e.action)}</Typography.Text>
                    <AfterCodeTag mark={e.afterCode} />
                    {e.subject ? `：${e.subject}` : ''}
                  </span>
                  <span style={{ overflowWrap: 'anywhere' }} data-testid="audit-entry-detail">
                    {detailText(e)}
                  </span>
                </Space>
              ),
            },
          ] : [
            { title: '时间', dataIndex: 'at', width: 140, render: formatDateTime },
            { title: '操作人', key: 'actor', width: 180, render: (_, e) => auditActorName(e) },
            {
              title: '操作',
              dataIndex: 'action',
              width: 160,
              render: (a: string, e) => (
                <>
                  {auditActionLabel(a)}
                  <AfterCodeTag mark={e.afterCode} />
                </>
              ),
            },
            { title: '对象', dataIndex: 'subject', width: 200 },
            { title: '内容', key: 'detail', render: (_, e) => <span style={{ wordBreak: 'break-all' }}>{detailText(e)}</span> },
          ]}
        />
      )}
    </>
  );
}

function SignInTab() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [result, setResult] = useState<'success' | 'failure' | undefined>(undefined);
  const [page, setPage] = useState(1);
  const query = useSignIns({ ...filterQuery(filters, { result }), page, pageSize: PAGE_SIZE });
  return (
    <>
      <FilterBar
        testid="sign-in-filter"
        exportTo={exportHref('/api/audit/sign-ins.xlsx', filterQuery(filters, { result }))}
        value={filters}
        onChange={(f) => {
          setFilters(f);
          setPage(1);
        }}
        extra={
          <Select
            aria-label="结果"
            placeholder="结果"
            allowClear
            style={{ width: 120 }}
            value={result}
            onChange={(v: 'success' | 'failure' | undefined) => {
              setResult(v);
              setPage(1);
            }}
            options={[
              { value: 'success', label: '成功' },
              { value: 'failure', label: '失败' },
            ]}
            data-testid="sign-in-filter-result"
          />
        }
      />
      {query.isError ? (
        <ErrorState error={query.error} />
      ) : (
        <Table<SignInRecord>
          data-testid="sign-in-table"
          size="small"
          rowKey="id"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: query.data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => `共 ${n} 条` }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 140, render: formatDateTime },
            { title: '用户名', dataIndex: 'username', width: 160 },
            { title: '姓名', dataIndex: 'displayName', width: 160, render: (n: string | null) => n ?? '（无此账号）' },
            {
              title: '结果',
              dataIndex: 'success',
              width: 150,
              render: (ok: boolean, r) => (
                <>
                  {ok ? <Tag color="green">{r.withCode ? '成功（一次性密码）' : '成功'}</Tag> : <Tag color="red">失败</Tag>}
                  <AfterCodeTag mark={r.afterCode} />
                </>
              ),
            },
            { title: '原因', dataIndex: 'reason', render: (r: string | null) => signInReasonText(r) || '—' },
            { title: 'IP 地址', dataIndex: 'ip', width: 150 },
          ]}
        />
      )}
    </>
  );
}

export function AuditPage() {
  return (
    <div data-testid="audit-page">
      <Typography.Title level={3} className="page-title">
        安全审计
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        系统中每一次修改和每一次登录（成功或失败）的记录，系统管理员和安全管理员的也在其中。安全审计员只能查看和导出，不能修改任何数据。账号在一次性密码登录后一天内的操作标为“一次性密码登录后”：一次性密码由管理员交给本人，请核实是否本人所为。
      </Typography.Paragraph>
      <AccountChangesNotice />
      <Tabs
        items={[
          { key: 'log', label: '审计日志', children: <AuditLogTab /> },
          { key: 'sign-ins', label: '登录记录', children: <SignInTab /> },
        ]}
      />
    </div>
  );
}
