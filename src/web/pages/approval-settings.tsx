/**
 * 审批与公开 settings (issue 33, the system administrator's, beside the levels of review): for a
 * region and a budget year, the ex-ante gate (事前绩效评估前置) on or off, the budget change that
 * needs the assessment (shown as a percentage, kept as integer per-mille), and whether publication
 * waits for 批复. A region without its own settings for the year shows what it inherits (its
 * nearest ancestor's, else the defaults) and says from where; saving asks for confirmation, and the
 * confirmation dialog shows the request working and keeps a refusal inside it.
 */
import { Alert, App, Button, Card, Descriptions, InputNumber, Radio, Select, Space, Switch, Tag, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ApprovalSettingsView } from '../../shared/api/approval';
import { DEFAULT_APPROVAL_SETTINGS, MAX_BUDGET_CHANGE_PER_MILLE, formatPerMille, type ApprovalSettings } from '../../shared/domain/approval';
import { regionTree, useApprovalSettings, useRegions, useSetApprovalSettings } from '../api/region-hooks';
import { ActionModal } from '../components/action-modal';
import { ErrorState } from '../components/page-state';

/** The budget years offered: a few around this one. */
function yearChoices(): number[] {
  const now = new Date().getFullYear();
  return [now - 2, now - 1, now, now + 1, now + 2];
}

const onOff = (on: boolean) => (on ? '开启' : '关闭');

/** The settings in words, one line each (the confirmation and the inherited values). */
function settingsLines(s: ApprovalSettings): string[] {
  return [`事前绩效评估把关：${onOff(s.exAnteGate)}`, `预算变动阈值：${formatPerMille(s.budgetChangePerMille)}`, `公开须先批复：${onOff(s.publishRequiresIssue)}`];
}

/** Where the settings that apply come from, in words. */
function sourceText(view: ApprovalSettingsView, names: ReadonlyMap<string, string>): string {
  if (view.from === null) return '默认设置（本级及上级区划均未设置）';
  if (view.from === view.code) return '本级设置';
  return `沿用${names.get(view.from) ?? view.from}的设置`;
}

export function ApprovalSettingsPanel() {
  const regions = useRegions();
  const items = regions.data?.items;
  const [picked, setPicked] = useState<string | null>(null);
  const [year, setYear] = useState<number>(new Date().getFullYear());
  // the first root region until the administrator picks one
  const code = picked ?? items?.find((r) => r.parentCode === null || !items.some((p) => p.code === r.parentCode))?.code ?? null;
  const names = useMemo(() => new Map((items ?? []).map((r) => [r.code, r.name])), [items]);
  const parentCode = items?.find((r) => r.code === code)?.parentCode ?? null;
  const query = useApprovalSettings(code, year);
  const parent = useApprovalSettings(parentCode !== null && names.has(parentCode) ? parentCode : null, year);
  if (regions.isError) return <ErrorState error={regions.error} onRetry={() => void regions.refetch()} />;
  if (items !== undefined && items.length === 0) return <Alert type="info" showIcon title="还没有区划，请先在“区划”中导入区划文件" />;
  // what the region would use without its own settings: its parent's (in that year), else the defaults
  const inherited: { values: ApprovalSettings; text: string } =
    parentCode !== null && parent.data
      ? { values: parent.data.effective, text: `${names.get(parentCode) ?? parentCode}${year}年度` }
      : { values: DEFAULT_APPROVAL_SETTINGS, text: '默认' };
  return (
    <div data-testid="approval-settings">
      <Typography.Paragraph type="secondary">
        事前绩效评估把关：新增项目或预算较上年变动超过阈值的项目，须先完成事前绩效评估且结论为“予以支持”或“部分支持”，才能审核通过。公开须先批复：项目须先批复下达，才能公开。设置按区划和预算年度，未设置的区划沿用上级区划的设置；均未设置时全部关闭。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <span>区划</span>
        <TreeSelect
          aria-label="区划"
          data-testid="approval-settings-region"
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandAll
          loading={regions.isPending}
          style={{ width: 280 }}
          value={code ?? undefined}
          onChange={(v: string) => setPicked(v)}
          treeData={regionTree(items ?? [])}
        />
        <span>预算年度</span>
        <Select<number>
          aria-label="预算年度"
          data-testid="approval-settings-year"
          style={{ width: 140 }}
          value={year}
          options={[...new Set([...yearChoices(), year])].sort((a, b) => a - b).map((y) => ({ value: y, label: `${y}年度` }))}
          onChange={setYear}
        />
      </Space>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data === undefined || code === null ? (
        <Card loading size="small" />
      ) : (
        <SettingsForm
          // a fresh form for each region, year and answer
          key={`${code}-${year}-${query.dataUpdatedAt}`}
          view={query.data}
          name={names.get(code) ?? code}
          source={sourceText(query.data, names)}
          inherited={inherited}
        />
      )}
    </div>
  );
}

function SettingsForm({ view, name, source, inherited }: { view: ApprovalSettingsView; name: string; source: string; inherited: { values: ApprovalSettings; text: string } }) {
  const { message } = App.useApp();
  const save = useSetApprovalSettings();
  const [mode, setMode] = useState<'inherit' | 'own'>(view.own === null ? 'inherit' : 'own');
  const [own, setOwn] = useState<ApprovalSettings>(view.own ?? view.effective);
  const [confirming, setConfirming] = useState(false);
  const shown = mode === 'inherit' ? inherited.values : own;
  const next = mode === 'inherit' ? null : own;
  const unchanged = JSON.stringify(next) === JSON.stringify(view.own);
  const submit = async () => {
    try {
      await save.mutateAsync({ code: view.code, body: { year: view.year, settings: next } });
      void message.success(`已保存${name}${view.year}年度的审批与公开设置`);
      setConfirming(false);
    } catch {
      // shown in the dialog
    }
  };
  return (
    <Card size="small" title={`${name}（${view.code}）${view.year}年度`} data-testid="approval-settings-card">
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }} data-testid="approval-settings-effective">
        <Descriptions.Item label="当前适用">
          <Space wrap>
            <span data-testid="approval-settings-effective-text">{settingsLines(view.effective).join('；')}</span>
            <Tag color={view.from === view.code ? 'blue' : undefined} data-testid="approval-settings-source">
              {source}
            </Tag>
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'inherit' | 'own')} data-testid="approval-settings-mode" style={{ marginBottom: 16 }}>
        <Space orientation="vertical">
          <Radio value="inherit" data-testid="approval-settings-inherit">
            本级不单独设置，沿用上级区划（{inherited.text}：{settingsLines(inherited.values).join('；')}）
          </Radio>
          <Radio value="own" data-testid="approval-settings-own">
            本级单独设置
          </Radio>
        </Space>
      </Radio.Group>
      <Space orientation="vertical" size="middle" style={{ display: 'flex', marginBottom: 16 }}>
        <Space>
          <Switch
            aria-label="事前绩效评估把关"
            data-testid="approval-settings-gate"
            checked={shown.exAnteGate}
            disabled={mode === 'inherit'}
            onChange={(v) => setOwn((s) => ({ ...s, exAnteGate: v }))}
          />
          <span>事前绩效评估把关（新增项目或预算变动超过阈值的项目，事前评估予以支持或部分支持后才能审核通过）</span>
        </Space>
        <Space>
          <span>预算变动阈值</span>
          <InputNumber<number>
            aria-label="预算变动阈值（%）"
            data-testid="approval-settings-threshold"
            min={0}
            max={MAX_BUDGET_CHANGE_PER_MILLE / 10}
            step={1}
            precision={1}
            suffix="%"
            style={{ width: 140 }}
            value={shown.budgetChangePerMille / 10}
            disabled={mode === 'inherit'}
            // per-mille, an integer: 12.5% is 125
            onChange={(v) => setOwn((s) => ({ ...s, budgetChangePerMille: v === null ? s.budgetChangePerMille : Math.round(v * 10) }))}
          />
          <Typography.Text type="secondary">预算较上年增减超过此比例的项目须先做事前绩效评估</Typography.Text>
        </Space>
        <Space>
          <Switch
            aria-label="公开须先批复"
            data-testid="approval-settings-publish"
            checked={shown.publishRequiresIssue}
            disabled={mode === 'inherit'}
            onChange={(v) => setOwn((s) => ({ ...s, publishRequiresIssue: v }))}
          />
          <span>公开须先批复（项目批复下达后才能公开）</span>
        </Space>
      </Space>
      <Button type="primary" data-testid="approval-settings-save" disabled={unchanged} onClick={() => setConfirming(true)}>
        保存
      </Button>
      {unchanged && (
        <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
          未修改
        </Typography.Text>
      )}
      <ActionModal
        title="保存审批与公开设置"
        open={confirming}
        request={save}
        errorTestId="approval-settings-error"
        onCancel={() => setConfirming(false)}
        onOk={() => void submit()}
        okText="确认保存"
        okButtonProps={{ 'data-testid': 'approval-settings-confirm' }}
        destroyOnHidden
      >
        <div data-testid="approval-settings-summary">
          <Typography.Paragraph>
            {next === null ? `${name}${view.year}年度将不再单独设置，沿用上级区划（${inherited.text}）：` : `${name}${view.year}年度的审批与公开设置将改为：`}
          </Typography.Paragraph>
          <ul>
            {settingsLines(shown).map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          <Typography.Paragraph type="secondary">未单独设置的下级区划一并适用。此操作记入审计日志。</Typography.Paragraph>
        </div>
      </ActionModal>
    </Card>
  );
}
