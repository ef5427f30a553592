/**
 * 安全审计 (the security auditor, 三员分立): the audit log of the whole system and the sign-in
 * records, filtered by person, action (or result) and date, a page at a time, newest first.
 * Read-only: the auditor changes nothing.
 */
import { Button, DatePicker, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import type { AuditLogEntry, SignInRecord } from '../../shared/api/audit';
import { useAuditActions, useAuditLog, useSignIns } from '../api/hooks';
import { ErrorState } from '../components/page-state';
import { auditActionLabel } from '../../shared/audit/actions';
import { historyActorName, historyRows } from '../../shared/audit/history';
import { formatDateTime } from '../lib/format';

const PAGE_SIZE = 20;

const REASONS: Record<string, string> = {
  credentials: '用户名或密码错误，或账号已停用',
  'demo-password': '非演示模式下使用演示密码',
};

interface Filters {
  person: string;
  from: Dayjs | null;
  to: Dayjs | null;
}

const day = (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Person and dates, shared by both tabs; `extra` is the tab's own filter. */
function FilterBar({ value, onChange, extra, testid }: { value: Filters; onChange: (f: Filters) => void; extra?: ReactNode; testid: string }) {
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
      <Button
        onClick={() => {
          setPerson('');
          onChange({ person: '', from: null, to: null });
        }}
      >
        清除筛选
      </Button>
    </Space>
  );
}

/** The entry's changes in words (shared/audit/history.ts): each field by its Chinese label, before → after. */
function detailText(entry: AuditLogEntry): string {
  const rows = historyRows(entry.action, entry.detail, { indicator: (id) => entry.indicatorNames[id] });
  if (rows.length === 0) return '—';
  return rows.map((r) => (r.before === '' ? `${r.field}：${r.after}` : `${r.field}：${r.before} → ${r.after}`)).join('；');
}

function AuditLogTab() {
  const [filters, setFilters] = useState<Filters>({ person: '', from: null, to: null });
  const [action, setAction] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const actions = useAuditActions();
  const query = useAuditLog({ person: filters.person || undefined, action, from: day(filters.from), to: day(filters.to), page, pageSize: PAGE_SIZE });
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
          size="small"
          rowKey="id"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: query.data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => `共 ${n} 条` }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 140, render: formatDateTime },
            { title: '操作人', key: 'actor', width: 180, render: (_, e) => historyActorName(e) },
            { title: '操作', dataIndex: 'action', width: 160, render: (a: string) => auditActionLabel(a) },
            { title: '对象', dataIndex: 'subject', width: 200 },
            { title: '内容', key: 'detail', render: (_, e) => <span style={{ wordBreak: 'break-all' }}>{detailText(e)}</span> },
          ]}
        />
      )}
    </>
  );
}

function SignInTab() {
  const [filters, setFilters] = useState<Filters>({ person: '', from: null, to: null });
  const [result, setResult] = useState<'success' | 'failure' | undefined>(undefined);
  const [page, setPage] = useState(1);
  const query = useSignIns({ person: filters.person || undefined, result, from: day(filters.from), to: day(filters.to), page, pageSize: PAGE_SIZE });
  return (
    <>
      <FilterBar
        testid="sign-in-filter"
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
            { title: '结果', dataIndex: 'success', width: 80, render: (ok: boolean) => (ok ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>) },
            { title: '原因', dataIndex: 'reason', render: (r: string | null) => (r === null ? '—' : (REASONS[r] ?? r)) },
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
      <Typography.Paragraph type="secondary">系统中每一次修改和每一次登录（成功或失败）的记录。安全审计员只能查看，不能修改任何数据。</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'log', label: '审计日志', children: <AuditLogTab /> },
          { key: 'sign-ins', label: '登录记录', children: <SignInTab /> },
        ]}
      />
    </div>
  );
}
