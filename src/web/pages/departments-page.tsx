/** 部门: the departments with a current document, per budget year, with their totals. */
import { Card, Select, Space, Table, Typography } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useDepartments } from '../api/hooks';
import { useRegions } from '../api/region-hooks';
import { regionPath } from '../../shared/domain/region';
import type { DepartmentSummary } from '../api/types';
import { ErrorState } from '../components/page-state';
import { StatusCounts } from '../components/status-counts';
import { Money } from '../components/tags';
import { formatScore, sumFen } from '../lib/format';

export function DepartmentsPage() {
  const [params, setParams] = useSearchParams();
  const yearParam = params.get('year');
  const year = yearParam && /^\d+$/.test(yearParam) ? Number(yearParam) : null;
  const all = useDepartments();
  const regions = useRegions();
  // The region's name with its ancestors' (唐山市路南区), the code while the tree is not loaded or lacks it.
  const regionLabel = useMemo(() => {
    const byCode = new Map((regions.data?.items ?? []).map((r) => [r.code, r]));
    return (code: string) => {
      const path = regionPath(code, byCode);
      return path.length > 0 ? path.slice(-2).join('') : code;
    };
  }, [regions.data]);
  const query = useDepartments(year);
  const years = useMemo(
    () => [...new Set((all.data?.items ?? []).map((d) => d.year).filter((y): y is number => y !== null))].sort((a, b) => b - a),
    [all.data],
  );
  const items = query.data?.items ?? [];

  return (
    <div>
      <Typography.Title level={3} className="page-title">
        部门
      </Typography.Title>
      <Card size="small" className="filter-bar">
        <Space>
          <span>年度</span>
          <Select aria-label="年度"
            data-testid="filter-year"
            allowClear
            placeholder="全部年度"
            style={{ width: 120 }}
            value={year ?? undefined}
            options={years.map((y) => ({ value: y, label: `${y}年` }))}
            onChange={(v?: number) => setParams(v ? { year: String(v) } : {})}
          />
        </Space>
      </Card>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<DepartmentSummary>
          data-testid="departments-table"
          rowKey={(d) => `${d.id}-${d.year}`}
          loading={query.isFetching}
          dataSource={items}
          pagination={items.length > 50 ? { pageSize: 50 } : false}
          locale={{ emptyText: query.isPending ? '加载中…' : '还没有导入任何部门的绩效目标' }}
          onRow={() => ({ 'data-testid': 'department-row' }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: '单位编码', dataIndex: 'code', width: 110, render: (c: string | null) => c ?? '—' },
            {
              title: '部门',
              dataIndex: 'name',
              render: (name: string, d) => (
                <>
                  <Link to={`/departments/${d.id}${d.year ? `?year=${d.year}` : ''}`} data-testid="department-link">
                    {name}
                  </Link>
                  {d.regionCode && (
                    <Typography.Text type="secondary" style={{ marginLeft: 8 }} data-testid="department-region">
                      {regionLabel(d.regionCode)}
                    </Typography.Text>
                  )}
                </>
              ),
            },
            { title: '年度', dataIndex: 'year', width: 80, render: (y: number | null) => y ?? '—' },
            { title: '项目数', dataIndex: 'projectCount', width: 80, align: 'right' },
            { title: '指标数', dataIndex: 'indicatorCount', width: 80, align: 'right' },
            { title: '预算合计', dataIndex: 'budgetTotalFen', align: 'right', render: (f: number) => <Money fen={f} /> },
            { title: '财政资金', dataIndex: 'fiscalFen', align: 'right', render: (f: number) => <Money fen={f} /> },
            { title: '状态', dataIndex: 'statusCounts', render: (c: DepartmentSummary['statusCounts']) => <StatusCounts counts={c} /> },
            { title: '平均质量分', dataIndex: 'avgScore', width: 100, align: 'right', render: (s: number | null) => formatScore(s) },
          ]}
          summary={(rows) =>
            rows.length > 1 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  合计（{rows.length} 个）
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {rows.reduce((n, r) => n + r.projectCount, 0)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {rows.reduce((n, r) => n + r.indicatorCount, 0)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <Money fen={sumFen(rows.map((r) => r.budgetTotalFen))} />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  <Money fen={sumFen(rows.map((r) => r.fiscalFen))} />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} colSpan={2} />
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
    </div>
  );
}
