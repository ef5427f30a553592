/**
 * 执行数据导入: download a department's execution template for a round, upload it filled, and see
 * what was saved per project — or every bad cell ("项目执行!F3: …"), in which case nothing was saved.
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Progress, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage, type ValidationIssue } from '../api/client';
import { downloads, useExecutionImport, type ExecutionImportResult } from '../api/monitoring-hooks';
import { useAuth } from '../auth/auth-context';
import { issuePath } from '../lib/monitoring';
import { useDepartmentOptions } from '../lib/use-departments';

const STATUS_TAGS: Record<ExecutionImportResult['records'][number]['status'], { label: string; color: string }> = {
  created: { label: '已新增', color: 'green' },
  replaced: { label: '已更新', color: 'orange' },
  unchanged: { label: '无变化', color: 'default' },
};

export function ExecutionImportPanel() {
  const { user } = useAuth();
  const { departments, years } = useDepartmentOptions();
  const ownDepartment = user?.role === 'editor' ? user.departmentId : null;
  const [departmentId, setDepartmentId] = useState<number | null>(ownDepartment);
  const [year, setYear] = useState<number | null>(null);
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ExecutionImportResult | null>(null);
  const [failure, setFailure] = useState<{ message: string; issues: ValidationIssue[] } | null>(null);
  const importer = useExecutionImport();
  const y = year ?? years[0] ?? null;
  const dept = departmentId ?? ownDepartment ?? departments[0]?.value ?? null;
  const date = asOf ?? (y !== null ? dayjs(`${y}-07-31`) : null);

  const upload = (file: File) => {
    setResult(null);
    setFailure(null);
    setProgress(0);
    importer.mutate(
      { file, onProgress: setProgress },
      {
        onSuccess: (r) => setResult(r),
        onError: (e) => setFailure({ message: errorMessage(e), issues: e instanceof ApiError ? e.issues : [] }),
        onSettled: () => setProgress(null),
      },
    );
  };

  return (
    <div data-testid="execution-import">
      <Card size="small" title="1. 下载本单位的执行数据填报模板" style={{ marginBottom: 16 }}>
        <Space wrap>
          {ownDepartment === null && (
            <Select aria-label="部门"
              data-testid="template-department"
              style={{ width: 280 }}
              placeholder="部门"
              showSearch
              optionFilterProp="label"
              value={dept ?? undefined}
              options={departments}
              onChange={setDepartmentId}
            />
          )}
          <Select aria-label="年度"
            style={{ width: 110 }}
            value={y ?? undefined}
            options={years.map((v) => ({ value: v, label: `${v}年` }))}
            onChange={(v: number) => {
              setYear(v);
              setAsOf(null);
            }}
          />
          <DatePicker aria-label="截至日期"
            data-testid="template-asof"
            placeholder="截至日期"
            value={date}
            allowClear={false}
            onChange={(d) => setAsOf(d)}
            disabledDate={(d) => y !== null && d.year() !== y}
          />
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            disabled={dept === null || y === null || date === null}
            href={dept !== null && y !== null && date !== null ? downloads.executionTemplate(dept, y, date.format('YYYY-MM-DD')) : undefined}
            data-testid="template-download"
          >
            下载模板（.xlsx）
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          模板列出各项目及其绩效指标；填写截至日期的累计支出（万元）、各指标截至目前完成值、全年预计完成值、完成可能性，黄灯或红灯须填写偏差原因和纠偏措施。
        </Typography.Paragraph>
      </Card>
      <Card size="small" title="2. 上传填好的模板" style={{ marginBottom: 16 }}>
        <Upload.Dragger
          accept=".xlsx"
          multiple={false}
          showUploadList={false}
          disabled={importer.isPending}
          beforeUpload={(file) => {
            upload(file as unknown as File);
            return false;
          }}
          data-testid="execution-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或拖入一个 .xlsx 文件</p>
          <p className="ant-upload-hint">整个文件一并检查：有任何单元格有误则全部不保存，并逐一指出出错的单元格。</p>
        </Upload.Dragger>
        {progress !== null && <Progress percent={Math.round(progress * 100)} size="small" style={{ marginTop: 8 }} />}
      </Card>
      {failure && (
        <Alert
          type="error"
          showIcon
          data-testid="execution-import-errors"
          title={failure.message}
          description={
            failure.issues.length > 0 ? (
              <Table
                size="small"
                rowKey={(_, i) => String(i)}
                dataSource={failure.issues}
                pagination={failure.issues.length > 20 ? { pageSize: 20, size: 'small' } : false}
                columns={[
                  { title: '单元格', key: 'path', width: 140, render: (_, i) => <Typography.Text code>{issuePath(i.path) || '—'}</Typography.Text> },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            ) : undefined
          }
        />
      )}
      {result && (
        <Card size="small" title={`已保存 ${result.records.length} 条执行记录`} data-testid="execution-import-result">
          <Table
            size="small"
            rowKey={(r) => `${r.projectId}-${r.asOf}`}
            dataSource={result.records}
            pagination={false}
            columns={[
              { title: '项目', key: 'name', render: (_, r) => <Link to={`/projects/${r.projectId}/monitoring?asOf=${r.asOf}`}>{r.name}</Link> },
              { title: '截至日期', dataIndex: 'asOf', width: 120 },
              {
                title: '结果',
                dataIndex: 'status',
                width: 100,
                render: (s: keyof typeof STATUS_TAGS) => <Tag color={STATUS_TAGS[s]?.color}>{STATUS_TAGS[s]?.label ?? s}</Tag>,
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
