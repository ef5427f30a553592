/**
 * 表样 (issue 54), the 绩效科's: the form templates of its region, those above it (used here, changed only there)
 * and those below it. Each shown with the table it was made from and its rules in words; renamed, retired, exported
 * as a file and imported from one (a province hands its forms to every county). Every change is audited.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Input, Popconfirm, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { FORM_TEMPLATE_STATUS_LABELS, type FormTemplateDetail, type FormTemplateItem, type FormTemplateList } from '../../shared/api/form-templates';
import { describeHeader, TEMPLATE_LABEL_FIELD_NAMES, TEMPLATE_ROW_KIND_LABELS } from '../../shared/domain/form-template';
import { GRID_ROLE_LABELS } from '../../shared/domain/table-grid';
import { useApi } from '../api/api-context';
import { errorMessage } from '../api/client';
import { ActionModal } from '../components/action-modal';
import { ErrorState } from '../components/page-state';
import { TableGridView } from '../components/table-reading';
import { chinaTime } from '../../shared/audit/history';

const KEY = ['form-templates'];

function useTemplateMutation<T, R>(fn: (body: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void queryClient.invalidateQueries({ queryKey: KEY }) });
}

/** One template: its header, columns, rules in words, and the table it was made from. */
function TemplateDetail({ id }: { id: number }) {
  const api = useApi();
  const detail = useQuery({ queryKey: [...KEY, id], queryFn: () => api.get<FormTemplateDetail>(`/api/form-templates/${id}`) });
  if (detail.error) return <ErrorState error={detail.error} />;
  const d = detail.data;
  if (!d) return null;
  const t = d.template;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="form-template-detail">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'region', label: '所属区划', children: d.regionName },
          { key: 'status', label: '状态', children: FORM_TEMPLATE_STATUS_LABELS[d.status] },
          { key: 'by', label: '保存', children: `${d.createdBy}，${chinaTime(d.createdAt)}` },
          { key: 'header', label: `指标表头（${t.header.length} 行）`, children: describeHeader(t.header) },
        ]}
      />
      <Typography.Text strong>各列的读法</Typography.Text>
      <ul style={{ margin: 0 }}>
        {t.columns.map((c) => (
          <li key={c.path.join('›')}>
            {c.path.join('›')}：{GRID_ROLE_LABELS[c.role]}
          </li>
        ))}
      </ul>
      {(t.rows.length > 0 || t.labels.length > 0 || t.nameFromHeading !== null) && (
        <>
          <Typography.Text strong>行和栏目</Typography.Text>
          <ul style={{ margin: 0 }}>
            {t.rows.map((r) => (
              <li key={`r${r.text}`}>
                以“{r.text}”开头的行：{TEMPLATE_ROW_KIND_LABELS[r.kind]}
              </li>
            ))}
            {t.labels.map((l) => (
              <li key={`l${l.text}`}>
                栏目“{l.text}”：{TEMPLATE_LABEL_FIELD_NAMES[l.field]}
              </li>
            ))}
            {t.nameFromHeading !== null && <li>项目名称：取自表格上方的标题</li>}
          </ul>
        </>
      )}
      <Typography.Text strong>示例（保存时的原表）</Typography.Text>
      {d.example ? <TableGridView grid={d.example} doubts={[]} /> : <Typography.Text type="secondary">由表样文件导入，没有示例</Typography.Text>}
    </Space>
  );
}

export function FormTemplatesPanel() {
  const api = useApi();
  const { message } = App.useApp();
  const list = useQuery({ queryKey: KEY, queryFn: () => api.get<FormTemplateList>('/api/form-templates') });
  const [shown, setShown] = useState<FormTemplateItem | null>(null);
  const [renaming, setRenaming] = useState<FormTemplateItem | null>(null);
  const [name, setName] = useState('');
  const rename = useTemplateMutation((b: { id: number; name: string }) => api.send('PATCH', `/api/form-templates/${b.id}`, { name: b.name }));
  const retire = useTemplateMutation((id: number) => api.send('POST', `/api/form-templates/${id}/retire`));
  const importFile = useTemplateMutation((body: unknown) => api.send<{ created: FormTemplateItem[] }>('POST', '/api/form-templates/import', body));

  if (list.error) return <ErrorState error={list.error} />;
  const items = list.data?.items ?? [];
  return (
    <div data-testid="form-templates">
      <Typography.Paragraph type="secondary">
        在导入预览中更正过一张表的读法并保存后，本区划及下级区划此后导入的同一表样的文档自动按它读取；表头相似而不同的，只提示、不套用。上级区划的表样在此使用，只能由上级修改。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button icon={<DownloadOutlined />} href="/api/form-templates/export" disabled={!items.some((i) => i.status === 'active')} data-testid="form-templates-export">
          导出表样文件
        </Button>
        <Upload
          accept=".json,application/json"
          showUploadList={false}
          beforeUpload={async (file) => {
            let body: unknown;
            try {
              body = JSON.parse(await file.text());
            } catch {
              void message.error(`${file.name}：不是 JSON 文件`);
              return Upload.LIST_IGNORE;
            }
            try {
              const r = await importFile.mutateAsync(body);
              void message.success(`已导入 ${r.created.length} 个表样`);
            } catch (e) {
              void message.error(`${file.name}：${errorMessage(e)}`);
            }
            return Upload.LIST_IGNORE;
          }}
        >
          <Button icon={<UploadOutlined />} loading={importFile.isPending} data-testid="form-templates-import">
            导入表样文件
          </Button>
        </Upload>
      </Space>
      <Table<FormTemplateItem>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={items}
        data-testid="form-templates-table"
        locale={{ emptyText: '还没有表样：在导入预览中更正一张表的读法，确认导入时勾选“保存为表样”' }}
        pagination={items.length > 20 ? { pageSize: 20, size: 'small' } : false}
        columns={[
          { title: '表样名称', dataIndex: 'name', render: (n: string, r) => <Typography.Link onClick={() => setShown(r)}>{n}</Typography.Link> },
          { title: '所属区划', dataIndex: 'regionName', width: 110 },
          { title: '状态', dataIndex: 'status', width: 80, render: (s: FormTemplateItem['status']) => <Tag color={s === 'active' ? 'green' : 'default'}>{FORM_TEMPLATE_STATUS_LABELS[s]}</Tag> },
          { title: '指标表头', dataIndex: 'header', ellipsis: true },
          { title: '保存', key: 'by', width: 200, render: (_, r) => `${r.createdBy} ${chinaTime(r.createdAt)}` },
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_, r) =>
              r.manageable ? (
                <Space size={4}>
                  <Button size="small" onClick={() => (setRenaming(r), setName(r.name))} data-testid="form-template-rename">
                    改名
                  </Button>
                  {r.status === 'active' && (
                    <Popconfirm
                      title={`停用表样“${r.name}”？此后的导入不再按它读取（已导入的文档不变）。`}
                      okText="停用"
                      cancelText="取消"
                      onConfirm={async () => {
                        try {
                          await retire.mutateAsync(r.id);
                        } catch (e) {
                          void message.error(errorMessage(e));
                        }
                      }}
                    >
                      <Button size="small" danger data-testid="form-template-retire">
                        停用
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ) : (
                <Typography.Text type="secondary">上级区划的表样</Typography.Text>
              ),
          },
        ]}
      />
      <Drawer open={shown !== null} onClose={() => setShown(null)} title={shown ? `表样：${shown.name}` : ''} size="large" destroyOnHidden>
        {shown && <TemplateDetail id={shown.id} />}
      </Drawer>
      <ActionModal
        open={renaming !== null}
        title="修改表样名称"
        okText="保存"
        cancelText="取消"
        request={rename}
        onCancel={() => setRenaming(null)}
        onOk={async () => {
          if (!renaming) return;
          try {
            await rename.mutateAsync({ id: renaming.id, name: name.trim() });
            setRenaming(null);
          } catch {
            /* shown in the dialog */
          }
        }}
      >
        <Input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} aria-label="表样名称" data-testid="form-template-name" />
        {name.trim() === '' && <Alert type="warning" showIcon title="请填写表样名称" style={{ marginTop: 8 }} />}
      </ActionModal>
    </div>
  );
}
