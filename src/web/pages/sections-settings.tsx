/**
 * 业务科室 (issue 32, the system administrator's, on 区划与审核层级): a region's finance bureau's business
 * sections (财政业务科室: 教科文科, 社会保障科 …; a name unique within the region, no code) — added,
 * renamed, deleted when nothing names them — and each of the region's departments' section (归口),
 * one at a time or for several chosen rows at once. Where a region uses the 财政业务科室 level, a
 * department without a section cannot submit (the server says so, naming this page).
 */
import { Alert, App, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import type { BusinessSection, DepartmentLevel } from '../../shared/api/levels';
import { errorMessage } from '../api/client';
import { useCreateSection, useDeleteSection, useDepartmentLevels, useRegions, useRenameSection, useSections, useSetDepartmentSection } from '../api/region-hooks';
import { ActionModal } from '../components/action-modal';
import { ErrorState } from '../components/page-state';

const departmentLabel = (d: Pick<DepartmentLevel, 'code' | 'name'>) => (d.code ? `${d.code} ${d.name}` : d.name);

export function SectionsSettings() {
  const regions = useRegions();
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const regionOptions = useMemo(() => (regions.data?.items ?? []).map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` })), [regions.data]);
  const regionName = regions.data?.items.find((r) => r.code === regionCode)?.name ?? regionCode ?? '';
  return (
    <>
      <Typography.Paragraph type="secondary">
        财政业务科室（如教科文科、社会保障科、农业农村科）按区划设置，名称在本区划内唯一。各单位归口到本区划的一个业务科室；区划使用“财政业务科室”审核层级时，单位的项目先由归口科室审核、转报绩效科，未设置归口科室的单位不能报送。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <span>区划</span>
        <Select<string>
          aria-label="区划"
          data-testid="sections-region"
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 260 }}
          placeholder="选择区划"
          loading={regions.isPending}
          options={regionOptions}
          value={regionCode ?? undefined}
          onChange={setRegionCode}
        />
      </Space>
      {regionCode === null ? (
        <Typography.Paragraph type="secondary">请选择区划，设置该区划财政部门的业务科室和各单位的归口科室。</Typography.Paragraph>
      ) : (
        <RegionSections key={regionCode} regionCode={regionCode} regionName={regionName} />
      )}
    </>
  );
}

function RegionSections({ regionCode, regionName }: { regionCode: string; regionName: string }) {
  const sections = useSections(regionCode);
  const departments = useDepartmentLevels();
  const [naming, setNaming] = useState<{ section: BusinessSection | null } | null>(null);
  const [deleting, setDeleting] = useState<BusinessSection | null>(null);
  const [assigning, setAssigning] = useState<DepartmentLevel[] | null>(null);
  const [chosen, setChosen] = useState<number[]>([]);
  const items = sections.data?.items ?? [];
  const sectionName = useMemo(() => new Map(items.map((s) => [s.id, s.name])), [items]);
  const all = departments.data?.items ?? [];
  const byId = useMemo(() => new Map(all.map((d) => [d.id, d])), [all]);
  const own = all.filter((d) => d.regionCode === regionCode);
  if (sections.isError) return <ErrorState error={sections.error} onRetry={() => void sections.refetch()} />;
  if (departments.isError) return <ErrorState error={departments.error} onRetry={() => void departments.refetch()} />;
  return (
    <>
      <Card
        size="small"
        title={`${regionName}财政部门的业务科室`}
        style={{ marginBottom: 16 }}
        extra={
          <Button size="small" type="primary" onClick={() => setNaming({ section: null })} data-testid="section-create">
            新增业务科室
          </Button>
        }
      >
        <Table<BusinessSection>
          data-testid="sections-table"
          rowKey="id"
          size="small"
          loading={sections.isFetching}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: sections.isPending ? '加载中…' : '本区划还没有业务科室' }}
          onRow={(s) => ({ 'data-testid': 'section-row', 'data-name': s.name, 'data-id': s.id }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: '业务科室', dataIndex: 'name' },
            { title: '归口单位', dataIndex: 'departmentCount', width: 100, align: 'right' },
            { title: '审核账号', dataIndex: 'accountCount', width: 100, align: 'right' },
            {
              title: '操作',
              width: 150,
              render: (_: unknown, s) => (
                <Space size="small">
                  <Button size="small" onClick={() => setNaming({ section: s })} data-testid="section-rename">
                    改名
                  </Button>
                  <Button size="small" danger onClick={() => setDeleting(s)} data-testid="section-delete">
                    删除
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={`${regionName}各单位的归口业务科室`}
        extra={
          <Button size="small" disabled={chosen.length === 0 || items.length === 0} onClick={() => setAssigning(own.filter((d) => chosen.includes(d.id)))} data-testid="section-assign-chosen">
            为选中的 {chosen.length} 个单位设置
          </Button>
        }
      >
        <Table<DepartmentLevel>
          data-testid="section-departments-table"
          rowKey="id"
          size="small"
          loading={departments.isFetching}
          dataSource={own}
          pagination={own.length > 50 ? { pageSize: 50 } : false}
          rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys as number[]) }}
          locale={{ emptyText: departments.isPending ? '加载中…' : '本区划没有单位' }}
          onRow={(d) => ({ 'data-testid': 'section-department-row', 'data-code': d.code ?? '', 'data-section': d.sectionId === null ? '' : (sectionName.get(d.sectionId) ?? '') }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: '单位编码', dataIndex: 'code', width: 110, render: (c: string | null) => c ?? '—' },
            { title: '单位', dataIndex: 'name' },
            {
              title: '主管部门',
              dataIndex: 'parentDepartmentId',
              render: (p: number | null) => (p === null ? <Typography.Text type="secondary">—</Typography.Text> : (byId.get(p)?.name ?? '—')),
            },
            {
              title: '归口业务科室',
              dataIndex: 'sectionId',
              render: (s: number | null) =>
                s === null ? (
                  <Tag color="orange" data-testid="section-unassigned">
                    未设置
                  </Tag>
                ) : (
                  <span data-testid="section-assigned">{sectionName.get(s) ?? '—'}</span>
                ),
            },
            {
              title: '操作',
              width: 130,
              render: (_: unknown, d) => (
                <Button size="small" disabled={items.length === 0} title={items.length === 0 ? '请先新增业务科室' : undefined} onClick={() => setAssigning([d])} data-testid="section-assign">
                  设置归口科室
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <SectionNameDialog key={naming?.section?.id ?? (naming ? 'new' : 'none')} open={naming !== null} section={naming?.section ?? null} regionCode={regionCode} onClose={() => setNaming(null)} />
      <SectionDeleteDialog key={deleting?.id ?? 'none'} section={deleting} onClose={() => setDeleting(null)} />
      <SectionAssignDialog
        key={assigning?.map((d) => d.id).join(',') ?? 'none'}
        departments={assigning}
        sections={items}
        onClose={(done) => {
          setAssigning(null);
          if (done) setChosen([]);
        }}
      />
    </>
  );
}

/** A new section of the region, or a section's new name. */
function SectionNameDialog({ open, section, regionCode, onClose }: { open: boolean; section: BusinessSection | null; regionCode: string; onClose: () => void }) {
  const { message } = App.useApp();
  const create = useCreateSection();
  const rename = useRenameSection();
  const request = section === null ? create : rename;
  const [name, setName] = useState(section?.name ?? '');
  const submit = async () => {
    try {
      if (section === null) await create.mutateAsync({ regionCode, name });
      else await rename.mutateAsync({ id: section.id, name });
      void message.success(section === null ? `已新增“${name.trim()}”` : `已改名为“${name.trim()}”`);
      onClose();
    } catch {
      // shown in the dialog
    }
  };
  return (
    <ActionModal
      title={section === null ? '新增业务科室' : `修改“${section.name}”的名称`}
      open={open}
      request={request}
      errorTestId="section-name-error"
      onCancel={onClose}
      onOk={() => void submit()}
      okText="保存"
      okButtonProps={{ 'data-testid': 'section-name-save', disabled: name.trim() === '' }}
      destroyOnHidden
    >
      <Input aria-label="科室名称" data-testid="section-name" placeholder="如：教科文科" maxLength={50} value={name} onChange={(e) => setName(e.target.value)} />
    </ActionModal>
  );
}

function SectionDeleteDialog({ section, onClose }: { section: BusinessSection | null; onClose: () => void }) {
  const { message } = App.useApp();
  const remove = useDeleteSection();
  const submit = async () => {
    if (!section) return;
    try {
      await remove.mutateAsync(section.id);
      void message.success(`已删除“${section.name}”`);
      onClose();
    } catch {
      // shown in the dialog
    }
  };
  return (
    <ActionModal
      title={section ? `删除业务科室“${section.name}”` : ''}
      open={section !== null}
      request={remove}
      errorTestId="section-delete-error"
      onCancel={onClose}
      onOk={() => void submit()}
      okText="删除"
      okButtonProps={{ danger: true, 'data-testid': 'section-delete-confirm' }}
      destroyOnHidden
    >
      有归口单位或审核账号的科室不能删除：请先改设这些单位的归口科室，改设或停用账号。
    </ActionModal>
  );
}

/**
 * A section for one department or several (the rows chosen): one request each, in turn; the ones
 * refused (projects waiting for their section …) are listed with the server's reason, the others done.
 */
function SectionAssignDialog({ departments, sections, onClose }: { departments: DepartmentLevel[] | null; sections: readonly BusinessSection[]; onClose: (done: boolean) => void }) {
  const { message } = App.useApp();
  const save = useSetDepartmentSection();
  const one = departments?.length === 1 ? departments[0]! : null;
  const [value, setValue] = useState<number | null>(one?.sectionId ?? null);
  const [refused, setRefused] = useState<{ name: string; reason: string }[]>([]);
  const submit = async () => {
    if (!departments) return;
    if (one !== null) {
      try {
        await save.mutateAsync({ id: one.id, sectionId: value });
        void message.success(value === null ? `已取消${one.name}的归口科室` : `已设置${one.name}的归口科室`);
        onClose(true);
      } catch {
        // shown in the dialog
      }
      return;
    }
    const failed: { name: string; reason: string }[] = [];
    for (const d of departments) {
      try {
        await save.mutateAsync({ id: d.id, sectionId: value });
      } catch (e) {
        failed.push({ name: d.name, reason: errorMessage(e) });
      }
    }
    save.reset();
    if (failed.length === 0) {
      void message.success(`已设置 ${departments.length} 个单位的归口科室`);
      onClose(true);
    } else setRefused(failed);
  };
  const options = sections.map((s) => ({ value: s.id, label: s.name }));
  return (
    <ActionModal
      title={one !== null ? `设置归口科室：${one.name}` : `为 ${departments?.length ?? 0} 个单位设置归口科室`}
      open={departments !== null}
      request={save}
      errorTestId="section-assign-error"
      onCancel={() => onClose(false)}
      onOk={() => void submit()}
      okText="保存"
      okButtonProps={{ 'data-testid': 'section-assign-save' }}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {one === null && departments !== null && <Typography.Text type="secondary">{departments.map(departmentLabel).join('、')}</Typography.Text>}
        <Select<number>
          aria-label="归口业务科室"
          data-testid="section-assign-select"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="不设置归口科室"
          style={{ width: '100%' }}
          value={value ?? undefined}
          options={options}
          onChange={(v?: number) => setValue(v ?? null)}
        />
        {refused.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="section-assign-refused"
            title={`${refused.length} 个单位未设置`}
            description={refused.map((r) => (
              <div key={r.name}>
                {r.name}：{r.reason}
              </div>
            ))}
          />
        )}
      </Space>
    </ActionModal>
  );
}
