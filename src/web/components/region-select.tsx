/** A region of the tree, picked in a TreeSelect (the account form): empty means the whole installation. */
import { TreeSelect } from 'antd';
import { regionTree, useRegions } from '../api/region-hooks';

export function RegionSelect({ value, onChange }: { value?: string | null; onChange?: (value: string | null) => void }) {
  const regions = useRegions();
  return (
    <TreeSelect
      aria-label="区划"
      data-testid="user-region"
      allowClear
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      loading={regions.isPending}
      placeholder="不选：全部区划"
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      treeData={regionTree(regions.data?.items ?? [])}
      style={{ width: '100%' }}
    />
  );
}
