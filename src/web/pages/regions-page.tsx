/** 区划 (admin): the region tree, and loading a province's tree from a CSV or JSON file. */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Tree, Typography, Upload } from 'antd';
import { ApiError } from '../api/client';
import { regionTree, useImportRegions, useRegions } from '../api/region-hooks';
import { ErrorState } from '../components/page-state';

export function RegionsPage() {
  const { message } = App.useApp();
  const regions = useRegions();
  const load = useImportRegions();
  const issues = load.error instanceof ApiError ? load.error.issues : [];
  const upload = async (file: File) => {
    try {
      const r = await load.mutateAsync(await file.text());
      void message.success(`区划已导入：共 ${r.total} 个，新增 ${r.added}，更新 ${r.updated}`);
    } catch {
      // shown below
    }
    return false;
  };
  return (
    <div data-testid="regions-page">
      <Space style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          区划
        </Typography.Title>
        <Upload accept=".csv,.json,.txt" showUploadList={false} beforeUpload={(f) => upload(f)}>
          <Button type="primary" icon={<UploadOutlined />} loading={load.isPending} data-testid="regions-import">
            导入区划文件
          </Button>
        </Upload>
      </Space>
      <Typography.Paragraph type="secondary">
        CSV 每行“区划代码,名称”（如 130000,河北省），或 JSON：[{'{'}"code":"130200","name":"唐山市"{'}'}]。上级区划由代码推出；已有区划更名，不删除。
      </Typography.Paragraph>
      {load.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="regions-import-error"
          message={load.error.message}
          description={issues.length > 1 ? issues.map((i) => <div key={`${i.path}-${i.message}`}>{i.message}</div>) : undefined}
        />
      )}
      {regions.isError ? (
        <ErrorState error={regions.error} onRetry={() => void regions.refetch()} />
      ) : (
        <Card loading={regions.isPending}>
          {(regions.data?.items.length ?? 0) === 0 ? (
            <Typography.Text type="secondary">还没有区划，请导入区划文件</Typography.Text>
          ) : (
            <Tree data-testid="regions-tree" defaultExpandAll selectable={false} treeData={regionTree(regions.data!.items)} />
          )}
        </Card>
      )}
    </div>
  );
}
