/**
 * 项目: the projects list with server-side filters, sort and paging. Its state is the URL query,
 * so a link (or the browser's back button) reproduces the list.
 */
import { Button, Card, Input, InputNumber, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType, SorterResult, TablePaginationConfig } from 'antd/es/table/interface';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useExAnteOfProjects } from '../api/ex-ante-hooks';
import { useProjects } from '../api/hooks';
import type { ProjectListItem } from '../api/types';
import { ExAnteListTag } from '../components/ex-ante-parts';
import { ErrorState } from '../components/page-state';
import { CategoryTags, Money, ScoreTag, StatusTag } from '../components/tags';
import { formatDateTime } from '../lib/format';
import { CATEGORIES, CATEGORY_LABELS, STATUSES, STATUS_LABELS } from '../lib/labels';
import {
  apiQuery,
  filtersFromSearch,
  filtersToRecord,
  PAGE_SIZES,
  updateFilters,
  type ProjectFilters,
  type SortKey,
} from '../lib/list-query';
import { useDepartmentOptions } from '../lib/use-departments';

const SORTABLE: Record<string, SortKey> = {
  code: 'code',
  name: 'name',
  departmentName: 'department',
  budgetTotalFen: 'budget',
  status: 'status',
  qualityScore: 'score',
  updatedAt: 'updated',
};

export function ProjectsPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const query = useProjects(apiQuery(filters));
  const exAnteQuery = useExAnteOfProjects((query.data?.items ?? []).map((p) => p.id));
  const exAnte = new Map((exAnteQuery.data?.items ?? []).map((i) => [i.projectId, i]));
  const { departments, years } = useDepartmentOptions();
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);

  const change = (c: Partial<ProjectFilters>) => setParams(filtersToRecord(updateFilters(filters, c)));
  const sortOrderOf = (key: SortKey) => (filters.sort === key ? (filters.order === 'desc' ? 'descend' : 'ascend') : null);

  const columns: ColumnsType<ProjectListItem> = [
    { title: '项目编码', dataIndex: 'code', key: 'code', width: 190, sorter: true, sortOrder: sortOrderOf('code'), render: (c: string | null) => c ?? '—' },
    {
      title: '项目名称',
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf('name'),
      render: (name: string, r) => (
        <Space size={4} wrap>
          <Link to={`/projects/${r.id}`} data-testid="project-link">
            {name || '（未命名）'}
          </Link>
          <ExAnteListTag item={exAnte.get(r.id)} />
        </Space>
      ),
    },
    {
      title: '部门',
      dataIndex: 'departmentName',
      key: 'departmentName',
      sorter: true,
      sortOrder: sortOrderOf('department'),
      render: (name: string, r) => <Link to={`/departments/${r.departmentId}${r.year ? `?year=${r.year}` : ''}`}>{name}</Link>,
    },
    { title: '年度', dataIndex: 'year', key: 'year', width: 70, render: (y: number | null) => y ?? '—' },
    {
      title: '预算',
      dataIndex: 'budgetTotalFen',
      key: 'budgetTotalFen',
      align: 'right',
      width: 150,
      sorter: true,
      sortOrder: sortOrderOf('budget'),
      render: (fen: number | null) => <Money fen={fen} />,
    },
    { title: '状态', dataIndex: 'status', key: 'status', width: 90, sorter: true, sortOrder: sortOrderOf('status'), render: (s) => <StatusTag status={s} /> },
    {
      title: '质量分',
      dataIndex: 'qualityScore',
      key: 'qualityScore',
      width: 100,
      sorter: true,
      sortOrder: sortOrderOf('score'),
      render: (s: number | null, r) => <ScoreTag score={s} grade={r.qualityGrade} />,
    },
    {
      title: '审核发现',
      key: 'findings',
      width: 220,
      render: (_, r) => (
        <Space size={2} wrap>
          <Tooltip title="问题数">
            <span data-testid="finding-count" style={{ marginRight: 4 }}>
              {r.findingCount}
            </span>
          </Tooltip>
          <CategoryTags categories={r.categories} />
        </Space>
      ),
    },
    { title: '更新时间', dataIndex: 'updatedAt', key: 'updatedAt', width: 140, sorter: true, sortOrder: sortOrderOf('updated'), render: formatDateTime },
  ];

  const onTableChange = (
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<ProjectListItem> | SorterResult<ProjectListItem>[],
  ) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? SORTABLE[String(s.columnKey)] ?? null : null;
    const sort = key;
    const order = key ? (s?.order === 'descend' ? 'desc' : 'asc') : null;
    const paging = { page: pagination.current ?? 1, pageSize: pagination.pageSize ?? filters.pageSize };
    if (sort !== filters.sort || order !== filters.order) change({ sort, order });
    else change(paging);
  };

  return (
    <div>
      <Typography.Title level={3} className="page-title">
        项目
      </Typography.Title>
      <Card className="filter-bar" size="small">
        <Space wrap>
          <Input.Search aria-label="搜索项目名称或编码"
            data-testid="filter-q"
            placeholder="搜索项目名称或编码"
            allowClear
            style={{ width: 240 }}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => change({ q: v.trim() })}
          />
          <Select aria-label="部门"
            data-testid="filter-department"
            placeholder="部门"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 240 }}
            options={departments}
            value={filters.department ?? undefined}
            onChange={(v?: number) => change({ department: v ?? null })}
          />
          <Select aria-label="年度"
            data-testid="filter-year"
            placeholder="年度"
            allowClear
            style={{ width: 100 }}
            options={years.map((y) => ({ value: y, label: `${y}年` }))}
            value={filters.year ?? undefined}
            onChange={(v?: number) => change({ year: v ?? null })}
          />
          <Select aria-label="状态"
            data-testid="filter-status"
            placeholder="状态"
            allowClear
            style={{ width: 110 }}
            options={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
            value={filters.status ?? undefined}
            onChange={(v?: ProjectFilters['status']) => change({ status: v ?? null })}
          />
          <Space.Compact>
            <InputNumber aria-label="最低分"
              data-testid="filter-min-score"
              placeholder="最低分"
              min={0}
              max={100}
              style={{ width: 90 }}
              value={filters.minScore}
              onChange={(v) => change({ minScore: typeof v === 'number' ? v : null })}
            />
            <InputNumber aria-label="最高分"
              data-testid="filter-max-score"
              placeholder="最高分"
              min={0}
              max={100}
              style={{ width: 90 }}
              value={filters.maxScore}
              onChange={(v) => change({ maxScore: typeof v === 'number' ? v : null })}
            />
          </Space.Compact>
          <Select aria-label="问题类别"
            data-testid="filter-category"
            placeholder="问题类别"
            allowClear
            style={{ width: 120 }}
            options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
            value={filters.category ?? undefined}
            onChange={(v?: ProjectFilters['category']) => change({ category: v ?? null })}
          />
          <Button data-testid="filter-reset" onClick={() => setParams({})}>
            重置
          </Button>
        </Space>
      </Card>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<ProjectListItem>
          data-testid="projects-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          onChange={onTableChange}
          onRow={(r) => ({ 'data-testid': 'project-row', 'data-id': r.id }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: query.isPending ? '加载中…' : '没有符合条件的项目' }}
          scroll={{ x: 1200 }}
          summary={() =>
            query.data && query.data.total > 0 ? (
              <Table.Summary fixed="bottom">
                <Table.Summary.Row data-testid="projects-total-row">
                  <Table.Summary.Cell index={0} colSpan={4}>
                    <Typography.Text strong>合计（符合条件的 {query.data.total} 个项目）</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    <Typography.Text strong data-testid="projects-total-budget">
                      <Money fen={query.data.budgetTotalFen} />
                    </Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} colSpan={4} />
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
            showTotal: (total) => `共 ${total} 个项目`,
          }}
        />
      )}
    </div>
  );
}
