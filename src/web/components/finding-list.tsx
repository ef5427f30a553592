/** A list of review findings: severity, category, the rule's Chinese title (never its id), where (the pinned cell, or for the document the line of its file), message and fix. */
import { Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Project } from '../../shared/domain/model';
import { anchorOf } from '../../shared/domain/official-table';
import type { FindingView as Finding } from '../api/types';
import { anchorLabel, SEVERITY_COLORS, SEVERITY_LABELS } from '../lib/labels';
import { ruleLabel } from '../lib/rule-labels';
import { EmptyState } from './page-state';
import { CategoryTag } from './tags';

interface Props {
  findings: readonly Finding[];
  project?: Project;
  onSelect?: (anchor: string) => void;
  testId?: string;
  empty?: string;
  /** Something to show with each finding (e.g. 转为整改事项). */
  action?: (finding: Finding) => ReactNode;
}

export function FindingList({ findings, project, onSelect, testId = 'finding-list', empty = '没有审核发现', action }: Props) {
  if (findings.length === 0) {
    return (
      <div data-testid={testId} data-count={0}>
        <EmptyState description={empty} />
      </div>
    );
  }
  return (
    <div data-testid={testId} data-count={findings.length}>
      {findings.map((f, i) => {
        const anchor = anchorOf(f);
        const title = ruleLabel(f.rule);
        return (
          <div
            key={`${f.rule}-${i}`}
            data-testid="finding-item"
            data-rule={f.rule}
            data-anchor={anchor}
            onClick={onSelect ? () => onSelect(anchor) : undefined}
            style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0', cursor: onSelect ? 'pointer' : undefined }}
          >
            <Space size={4} wrap>
              <Tag color={SEVERITY_COLORS[f.severity]}>{SEVERITY_LABELS[f.severity]}</Tag>
              <CategoryTag category={f.category} />
              {title !== null && (
                <Typography.Text strong data-testid="finding-rule">
                  {title}
                </Typography.Text>
              )}
              {f.projectIndex !== null && <Typography.Text type="secondary">{anchorLabel(anchor, project)}</Typography.Text>}
              {/* A project's finding is anchored to its field (the line of the imported file means nothing once edited); one about the document as a whole cites the file. */}
              {f.projectIndex === null && f.source && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  原文第{f.source.line}行{f.source.ref ? `（${f.source.ref}）` : ''}
                </Typography.Text>
              )}
            </Space>
            <div style={{ marginTop: 4 }}>{f.message}</div>
            <div style={{ color: '#666', fontSize: 13 }}>建议：{f.suggestion}</div>
            {action && <div style={{ marginTop: 4 }}>{action(f)}</div>}
          </div>
        );
      })}
    </div>
  );
}
