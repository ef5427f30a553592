/**
 * The levels of review's settings (issue 32, the system administrator's, as the region tree): which
 * levels each region uses (its own setting, or inherited, naming the region it comes from: any of
 * 单位 → [主管部门] → [财政业务科室] → 绩效科), and each unit's 主管部门 (a department of the same region
 * that is no unit itself). The business sections are sections-settings.tsx's.
 */
import { Alert, App, Button, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import type { DepartmentLevel, RegionReviewLevelsRow } from '../../shared/api/levels';
import { REVIEW_LEVEL_LABELS, type ReviewLevelSetting } from '../../shared/domain/review-levels';
import { useDepartmentLevels, useRegionReviewLevels, useRegions, useSetDepartmentParent, useSetRegionReviewLevels } from '../api/region-hooks';
import { ActionModal } from '../components/action-modal';
import { ErrorState } from '../components/page-state';

const INDENT: Record<string, number> = { province: 0, city: 1, county: 2 };

/** Where a region's levels come from, in words: its own setting, an ancestor's, the default; and from which year. */
function sourceText(row: RegionReviewLevelsRow, names: ReadonlyMap<string, string>): string {
  if (row.from === null) return '默认';
  const since = row.fromYear === null ? '' : `（${row.fromYear}年起）`;
  if (row.from === row.code) return `本级设置${since}`;
  return `沿用${names.get(row.from) ?? row.from}${since}`;
}

/** A region's own settings in words: without a year, and from each year on. */
function ownText(row: RegionReviewLevelsRow): string {
  const parts = [...(row.own !== null ? [`不分年度：${REVIEW_LEVEL_LABELS[row.own]}`] : []), ...row.years.map((y) => `${y.fromYear}年起：${REVIEW_LEVEL_LABELS[y.reviewLevels]}`)];
  return parts.length === 0 ? '未设置' : parts.join('；');
}

/** The budget years offered: a few around this one. */
function yearChoices(): number[] {
  const now = new Date().getFullYear();
  return [now - 2, now - 1, now, now + 1, now + 2];
}

export function ReviewLevelsSettings() {
  const [year, setYear] = useState<number | null>(null);
  const query = useRegionReviewLevels(year);
  const regions = useRegions();
  const [editing, setEditing] = useState<RegionReviewLevelsRow | null>(null);
  const levelOf = useMemo(() => new Map((regions.data?.items ?? []).map((r) => [r.code, r.level])), [regions.data]);
  const parentOf = useMemo(() => new Map((regions.data?.items ?? []).map((r) => [r.code, r.parentCode])), [regions.data]);
  const names = useMemo(() => new Map((query.data?.items ?? []).map((r) => [r.code, r.name])), [query.data]);
  const byCode = useMemo(() => new Map((query.data?.items ?? []).map((r) => [r.code, r])), [query.data]);
  // what a region would use without its own setting: its parent region's (in the year shown), else the default
  const inherited = (row: RegionReviewLevelsRow): string => {
    const parent = byCode.get(parentOf.get(row.code) ?? '');
    return parent ? `（${parent.name}${year === null ? '' : `${year}年`}：${REVIEW_LEVEL_LABELS[parent.effective]}）` : `（默认：${REVIEW_LEVEL_LABELS.finance}）`;
  };
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data?.items ?? [];
  return (
    <>
      <Typography.Paragraph type="secondary">
        单位 → 财政：单位直接报财政（绩效科）审核。主管部门：有主管部门的二级单位先报主管部门审核，主管部门转报财政。财政业务科室：单位的项目先由其归口的财政业务科室审核，转报绩效科。设置可不分年度，或自某预算年度起适用；未设置的区划沿用上级区划的设置。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <span>适用于</span>
        <Select<number | 'all'>
          aria-label="预算年度"
          data-testid="review-levels-year"
          style={{ width: 160 }}
          value={year ?? 'all'}
          options={[{ value: 'all', label: '不分年度' }, ...yearChoices().map((y) => ({ value: y, label: `${y}年度项目` }))]}
          onChange={(v) => setYear(v === 'all' ? null : v)}
        />
      </Space>
      <Table<RegionReviewLevelsRow>
        data-testid="review-levels-table"
        rowKey="code"
        size="small"
        loading={query.isFetching}
        dataSource={items}
        pagination={items.length > 100 ? { pageSize: 100 } : false}
        locale={{ emptyText: query.isPending ? '加载中…' : '还没有区划，请先导入区划文件' }}
        onRow={(r) =>
          ({
            'data-testid': 'review-levels-row',
            'data-code': r.code,
            'data-effective': r.effective,
            'data-own': r.own ?? '',
            'data-years': r.years.map((y) => `${y.fromYear}:${y.reviewLevels}`).join(','),
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: '区划',
            dataIndex: 'name',
            render: (name: string, r) => <span style={{ paddingLeft: 20 * (INDENT[levelOf.get(r.code) ?? 'county'] ?? 0) }}>{name}</span>,
          },
          { title: '区划代码', dataIndex: 'code', width: 110 },
          { title: '本级设置', key: 'own', render: (_: unknown, r) => <span data-testid="review-levels-own">{ownText(r)}</span> },
          {
            title: year === null ? '适用的审核层级' : `${year}年度适用的审核层级`,
            dataIndex: 'effective',
            render: (effective: ReviewLevelSetting, r) => (
              <Space>
                <span data-testid="review-levels-effective">{REVIEW_LEVEL_LABELS[effective]}</span>
                <Tag color={r.from === r.code ? 'blue' : undefined} data-testid="review-levels-source">
                  {sourceText(r, names)}
                </Tag>
              </Space>
            ),
          },
          {
            title: '操作',
            width: 100,
            render: (_: unknown, r) => (
              <Button size="small" onClick={() => setEditing(r)} data-testid="review-levels-edit">
                修改
              </Button>
            ),
          },
        ]}
      />
      <ReviewLevelsDialog key={editing?.code ?? 'none'} row={editing} inheritText={editing ? inherited(editing) : ''} onClose={() => setEditing(null)} />
    </>
  );
}

const INHERIT = 'inherit';
const ALL_YEARS = 'all';

function ReviewLevelsDialog({ row, inheritText, onClose }: { row: RegionReviewLevelsRow | null; inheritText: string; onClose: () => void }) {
  const { message } = App.useApp();
  const save = useSetRegionReviewLevels();
  const [fromYear, setFromYear] = useState<number | typeof ALL_YEARS>(ALL_YEARS);
  const ownFor = (y: number | typeof ALL_YEARS) => (y === ALL_YEARS ? row?.own : row?.years.find((x) => x.fromYear === y)?.reviewLevels) ?? INHERIT;
  const [value, setValue] = useState<string>(ownFor(ALL_YEARS));
  const years = [...new Set([...yearChoices(), ...(row?.years.map((y) => y.fromYear) ?? [])])].sort((a, b) => a - b);
  const submit = async () => {
    if (!row) return;
    try {
      await save.mutateAsync({
        code: row.code,
        body: { reviewLevels: value === INHERIT ? null : (value as ReviewLevelSetting), ...(fromYear === ALL_YEARS ? {} : { fromYear }) },
      });
      void message.success(`已保存${row.name}的审核层级`);
      onClose();
    } catch {
      // shown in the dialog
    }
  };
  return (
    <ActionModal
      title={row ? `${row.name}的审核层级` : ''}
      open={row !== null}
      request={save}
      errorTestId="review-levels-error"
      onCancel={onClose}
      onOk={() => void submit()}
      okText="保存"
      okButtonProps={{ 'data-testid': 'review-levels-save' }}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <span>适用年度</span>
          <Select<number | typeof ALL_YEARS>
            aria-label="适用年度"
            data-testid="review-levels-from-year"
            style={{ width: 180 }}
            value={fromYear}
            options={[{ value: ALL_YEARS, label: '不分年度' }, ...years.map((y) => ({ value: y, label: `自${y}年度起` }))]}
            onChange={(y) => {
              setFromYear(y);
              setValue(ownFor(y));
            }}
          />
        </Space>
        <Radio.Group value={value} onChange={(e) => setValue(e.target.value as string)} data-testid="review-levels-choice">
          <Space orientation="vertical">
            <Radio value={INHERIT} data-testid="review-levels-inherit">
              {fromYear === ALL_YEARS ? `沿用上级区划${inheritText}` : `不单独设置该年度（按此前年度或不分年度的设置）`}
            </Radio>
            {(Object.keys(REVIEW_LEVEL_LABELS) as ReviewLevelSetting[]).map((k) => (
              <Radio key={k} value={k} data-testid={`review-levels-${k}`}>
                {REVIEW_LEVEL_LABELS[k]}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        {row !== null && (value === 'supervisor' || value === 'supervisor_section') && (
          <Alert type="info" showIcon title="下级区划未单独设置的，一并使用此设置；二级单位须在“主管部门”中指定其主管部门。" />
        )}
        {row !== null && (value === 'section' || value === 'supervisor_section') && (
          <Alert type="warning" showIcon data-testid="review-levels-section-note" title="各单位须在“业务科室”中设置归口科室：未设置的单位不能报送。" />
        )}
      </Space>
    </ActionModal>
  );
}

export function DepartmentParentsSettings() {
  const query = useDepartmentLevels();
  const regions = useRegions();
  const [editing, setEditing] = useState<DepartmentLevel | null>(null);
  const [search, setSearch] = useState('');
  const regionNames = useMemo(() => new Map((regions.data?.items ?? []).map((r) => [r.code, r.name])), [regions.data]);
  const byId = useMemo(() => new Map((query.data?.items ?? []).map((d) => [d.id, d])), [query.data]);
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const all = query.data?.items ?? [];
  const needle = search.trim();
  const items = needle === '' ? all : all.filter((d) => d.name.includes(needle) || (d.code ?? '').includes(needle));
  return (
    <>
      <Typography.Paragraph type="secondary">
        二级单位的主管部门须与其属于同一区划，且本身不是二级单位。区划使用“单位 → 主管部门 → 财政”时，二级单位的项目先报主管部门审核。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <span>查找单位</span>
        <Input
          aria-label="查找单位"
          allowClear
          style={{ width: 240 }}
          placeholder="单位名称或编码"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="department-levels-search"
        />
      </Space>
      <Table<DepartmentLevel>
        data-testid="department-levels-table"
        rowKey="id"
        size="small"
        loading={query.isFetching}
        dataSource={items}
        pagination={items.length > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: query.isPending ? '加载中…' : '没有单位' }}
        onRow={(d) => ({ 'data-testid': 'department-levels-row', 'data-code': d.code ?? '', 'data-parent': d.parentDepartmentId === null ? '' : (byId.get(d.parentDepartmentId)?.code ?? '') }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: '单位编码', dataIndex: 'code', width: 110, render: (c: string | null) => c ?? '—' },
          { title: '单位', dataIndex: 'name' },
          { title: '区划', dataIndex: 'regionCode', render: (c: string | null) => (c === null ? <Typography.Text type="secondary">未设区划</Typography.Text> : (regionNames.get(c) ?? c)) },
          {
            title: '主管部门',
            dataIndex: 'parentDepartmentId',
            render: (p: number | null, d) =>
              p !== null ? (
                <span data-testid="department-levels-parent">{byId.get(p)?.name ?? '—'}</span>
              ) : d.unitCount > 0 ? (
                <Tag color="blue">主管部门（{d.unitCount} 个二级单位）</Tag>
              ) : (
                <Typography.Text type="secondary">无</Typography.Text>
              ),
          },
          {
            title: '操作',
            width: 120,
            render: (_: unknown, d) =>
              d.unitCount > 0 ? null : (
                <Button size="small" onClick={() => setEditing(d)} data-testid="department-levels-edit" disabled={d.regionCode === null} title={d.regionCode === null ? '请先设置单位所属区划' : undefined}>
                  设置主管部门
                </Button>
              ),
          },
        ]}
      />
      <DepartmentParentDialog key={editing?.id ?? 'none'} unit={editing} all={all} onClose={() => setEditing(null)} />
    </>
  );
}

function DepartmentParentDialog({ unit, all, onClose }: { unit: DepartmentLevel | null; all: readonly DepartmentLevel[]; onClose: () => void }) {
  const { message } = App.useApp();
  const save = useSetDepartmentParent();
  const [value, setValue] = useState<number | null>(unit?.parentDepartmentId ?? null);
  // a 主管部门: of the unit's region, not the unit, no unit itself
  const options = useMemo(
    () =>
      unit === null
        ? []
        : all
            .filter((d) => d.id !== unit.id && d.regionCode === unit.regionCode && d.parentDepartmentId === null)
            .map((d) => ({ value: d.id, label: d.code ? `${d.code} ${d.name}` : d.name }))
            .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
    [unit, all],
  );
  const submit = async () => {
    if (!unit) return;
    try {
      await save.mutateAsync({ id: unit.id, parentDepartmentId: value });
      void message.success(value === null ? `已取消${unit.name}的主管部门` : `已设置${unit.name}的主管部门`);
      onClose();
    } catch {
      // shown in the dialog
    }
  };
  return (
    <ActionModal
      title={unit ? `设置主管部门：${unit.name}` : ''}
      open={unit !== null}
      request={save}
      errorTestId="department-parent-error"
      onCancel={onClose}
      onOk={() => void submit()}
      okText="保存"
      okButtonProps={{ 'data-testid': 'department-parent-save' }}
      destroyOnHidden
    >
      <Select<number>
        aria-label="主管部门"
        data-testid="department-parent-select"
        showSearch
        allowClear
        optionFilterProp="label"
        placeholder="无主管部门（直接报财政）"
        style={{ width: '100%' }}
        value={value ?? undefined}
        options={options}
        onChange={(v?: number) => setValue(v ?? null)}
        notFoundContent="本区划没有可选的主管部门"
      />
    </ActionModal>
  );
}
