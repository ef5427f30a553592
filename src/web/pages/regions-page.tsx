/** 区划 (admin): the region tree, and loading a province's tree from a CSV or JSON file. */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Tabs, Tree, Typography, Upload } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { regionTree, useImportRegions, useRegions } from '../api/region-hooks';
import { ErrorState } from '../components/page-state';
import { ApprovalSettingsPanel } from './approval-settings';
import { DepartmentParentsSettings, ReviewLevelsSettings } from './levels-settings';
import { SectionsSettings } from './sections-settings';

/**
 * 区划 (admin): the tree and its import, the levels of review each region uses, each unit's 主管部门, each
 * region's business sections and its departments' section (业务科室), 审批与公开 per year (tabs).
 */
export function RegionsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'tree';
  return (
    <div data-testid="regions-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        区划与审核层级
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'tree' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'tree', label: <span data-testid="regions-tab-tree">区划</span>, children: <RegionTreeTab /> },
          { key: 'levels', label: <span data-testid="regions-tab-levels">审核层级</span>, children: <ReviewLevelsSettings /> },
          { key: 'parents', label: <span data-testid="regions-tab-parents">主管部门</span>, children: <DepartmentParentsSettings /> },
          { key: 'sections', label: <span data-testid="regions-tab-sections">业务科室</span>, children: <SectionsSettings /> },
          { key: 'approval', label: <span data-testid="regions-tab-approval">审批与公开</span>, children: <ApprovalSettingsPanel /> },
        ]}
      />
    </div>
  );
}

function RegionTreeTab() {
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
    <div>
      <Space style={{ marginBottom: 16 }}>
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
