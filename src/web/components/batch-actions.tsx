/**
 * One workflow action over several projects (the workbench's 批量审核通过 / 批量公开 / 批量退回),
 * under one confirmation that lists what will happen to each: the projects the action applies to,
 * those it cannot (their status changed meanwhile), and the open 错误 findings of each — over
 * which, as for one project, a reason is required; a return always needs its comment. Each project
 * then goes through the same action endpoint, one after the other (each its own transaction and
 * audit entry), and the dialog reports each result: the summary counts what happened to every
 * row (done, refused by the server with its reason, or not sent because its status no longer
 * allows the action), with the same reasons the rows show (issue 34).
 */
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Alert, Input, List, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../api/api-context';
import { ApiError } from '../api/client';
import { useInvalidateProjects } from '../api/hooks';
import type { ProjectListItem, ProjectRecord, WorkflowAction } from '../api/types';
import { batchSummary, skippedMessage, type BatchOutcome } from '../lib/batch';
import { actionDoneLabel, actionLabel } from '../lib/labels';

export function BatchActionModal({ action, items, onClose }: { action: WorkflowAction | null; items: readonly ProjectListItem[]; onClose: (done: boolean) => void }) {
  const api = useApi();
  const invalidate = useInvalidateProjects();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [running, setRunning] = useState(false);
  const [outcomes, setOutcomes] = useState<BatchOutcome[] | null>(null);
  const open = action !== null;
  const records = useQueries({
    queries: items.map((p) => ({ queryKey: ['project', p.id], queryFn: () => api.get<ProjectRecord>(`/api/projects/${p.id}`), enabled: open, staleTime: 0 })),
  });
  const loaded = records.every((q) => q.data !== undefined);
  const rows = items.map((p, i) => {
    const record = records[i]?.data;
    return {
      item: p,
      record,
      allowed: record !== undefined && action !== null && record.allowedActions.includes(action) && !(action === 'approve' && record.gate?.held === true),
      /** Held by the ex-ante gate (issue 33): why, before the click. */
      held: action === 'approve' && record?.gate?.held === true ? (record.gate.reason ?? '事前绩效评估未通过') : null,
      /** Approved although its assessment concluded 不予支持 (the region's gate is off): said before the click (issue 58). */
      rejected: action === 'approve' && record?.gate?.held === false && record.gate.conclusion === 'reject' ? record.gate.reason : null,
      errors: record ? record.findings.filter((f) => f.severity === 'error').length : 0,
    };
  });
  const label = action ? actionLabel(action, items[0]?.status ?? 'submitted') : '';
  const applicable = rows.filter((r) => r.allowed);
  const withErrors = action === 'return' ? [] : applicable.filter((r) => r.errors > 0);
  const held = rows.filter((r) => r.held !== null);
  const rejected = rows.filter((r) => r.rejected !== null && r.allowed);
  const needsText = action === 'return' || withErrors.length > 0;
  const summary = outcomes ? batchSummary(label, outcomes) : null;

  const run = async () => {
    setRunning(true);
    // rows whose status no longer allows the action, or held by the ex-ante gate, are not sent: they count as not done
    const results: BatchOutcome[] = rows.filter((r) => !r.allowed).map((r) => ({ id: r.item.id, kind: 'skipped', message: r.held ?? skippedMessage(label) }));
    const done: ProjectRecord[] = [];
    setOutcomes([...results]);
    for (const r of applicable) {
      try {
        done.push(await api.send<ProjectRecord>('POST', `/api/projects/${r.item.id}/actions`, { action, version: r.record!.version, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
        results.push({ id: r.item.id, kind: 'done', message: action === null ? `已${label}` : actionDoneLabel(action, r.item.status) });
      } catch (e) {
        results.push({ id: r.item.id, kind: 'failed', message: e instanceof ApiError ? e.message : `${label}失败：网络或服务器错误` });
      }
      setOutcomes([...results]);
    }
    setRunning(false);
    invalidate(...done);
    // a refused row may have changed under the dialog (another reviewer, a stale version): read it anew
    for (const o of results) if (o.kind === 'failed') void queryClient.invalidateQueries({ queryKey: ['project', o.id] });
  };

  const close = () => {
    const done = outcomes !== null;
    setComment('');
    setOutcomes(null);
    onClose(done);
  };

  return (
    <Modal
      title={`批量${label}：${items.length} 个项目`}
      open={open}
      onCancel={close}
      width={720}
      destroyOnHidden
      okText={outcomes ? '完成' : withErrors.length > 0 ? '仍然继续' : `${label} ${applicable.length} 个项目`}
      okButtonProps={{
        loading: running || (open && !loaded),
        disabled: outcomes === null && (applicable.length === 0 || (needsText && comment.trim() === '')),
        danger: action === 'return' || withErrors.length > 0,
        'data-testid': 'batch-confirm',
      }}
      cancelButtonProps={{ style: outcomes ? { display: 'none' } : {} }}
      onOk={() => (outcomes ? close() : void run())}
    >
      {summary && (
        <Alert
          type={running ? 'info' : summary.type}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="batch-result"
          data-ok={summary.done}
          data-not-done={summary.notDone}
          data-finished={!running}
          title={running ? `正在${label}：已处理 ${outcomes!.length} / ${rows.length} 个` : summary.title}
          description={
            !running && summary.reasons.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="batch-reasons">
                {summary.reasons.map((r) => (
                  <li key={r.message} data-testid="batch-reason">
                    {r.message}：{r.count} 个
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {held.length > 0 && !outcomes && (
        <WarningList
          testId="batch-gate-held"
          itemTestId="batch-held-reason"
          title={`其中 ${held.length} 个项目须先完成事前绩效评估（结论为予以支持或部分支持），本次不审核通过：`}
          items={held.map((r) => ({ key: r.item.id, text: r.held! }))}
        />
      )}
      {rejected.length > 0 && !outcomes && (
        <WarningList
          testId="batch-ex-ante-rejected"
          title={`其中 ${rejected.length} 个项目的事前绩效评估结论为“不予支持”，确认后仍将审核通过：`}
          items={rejected.map((r) => ({ key: r.item.id, text: `${r.item.name}：${r.rejected}` }))}
        />
      )}
      {withErrors.length > 0 && !outcomes && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="batch-open-errors"
          title={`其中 ${withErrors.length} 个项目的审核发现还有“错误”未改正：请说明仍要${label}的理由（对每个项目都记入流程和审计日志）`}
        />
      )}
      <List
        size="small"
        bordered
        style={{ maxHeight: 320, overflowY: 'auto', marginBottom: 12 }}
        dataSource={rows}
        data-testid="batch-items"
        renderItem={(r) => {
          const outcome = outcomes?.find((o) => o.id === r.item.id);
          return (
            <List.Item data-testid="batch-item" data-id={r.item.id} data-allowed={r.allowed} data-outcome={outcome?.kind}>
              <Typography.Text>{r.item.name}</Typography.Text>
              <span>
                {r.record === undefined && <Tag>读取中</Tag>}
                {r.held !== null && !outcome && <Tag color="orange" data-testid="batch-held">待事前绩效评估</Tag>}
                {r.record !== undefined && !r.allowed && r.held === null && !outcome && <Tag>{skippedMessage(label)}</Tag>}
                {r.errors > 0 && action !== 'return' && !outcome && <Tag color="red">错误 {r.errors}</Tag>}
                {outcome && (
                  <Tag color={outcome.kind === 'done' ? 'green' : outcome.kind === 'failed' ? 'red' : 'default'} data-testid="batch-item-outcome" data-kind={outcome.kind}>
                    {outcome.message}
                  </Tag>
                )}
              </span>
            </List.Item>
          );
        }}
      />
      {!outcomes && (
        <Input.TextArea aria-label="意见或说明"
          rows={3}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          data-testid="batch-comment"
          placeholder={action === 'return' ? '退回意见（必填，每个项目都收到这条意见）' : needsText ? `仍要${label}的理由（必填）` : '说明（可选）'}
        />
      )}
    </Modal>
  );
}

/** A warning over the list naming some of the projects, one line each. */
function WarningList({ testId, itemTestId, title, items }: { testId: string; itemTestId?: string; title: string; items: { key: number; text: string }[] }) {
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid={testId}
      title={title}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {items.map((i) => (
            <li key={i.key} data-testid={itemTestId}>
              {i.text}
            </li>
          ))}
        </ul>
      }
    />
  );
}
