/**
 * 同类项目常用指标: in the editor, the indicators most used by projects like this one (name and
 * purpose) that it does not have yet, each with its peers' median target; 插入 adds it to the
 * right category (lib/suggestions.ts).
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, List, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useSuggestions, type SuggestionJson } from '../api/library-hooks';
import type { IndicatorRow } from '../lib/editor-state';
import { openSuggestions } from '../lib/suggestions';
import { formatFigure } from '../../shared/domain/money';
import { formatMoney2, formatPercent } from '../lib/format';

export function SuggestionsCard({ projectId, rows, onInsert }: { projectId: number; rows: readonly IndicatorRow[]; onInsert: (s: SuggestionJson) => void }) {
  const query = useSuggestions(projectId);
  const open = useMemo(() => openSuggestions(query.data?.items ?? [], rows), [query.data, rows]);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="suggestions"
      title="同类项目常用指标"
      extra={
        <Link to="/library" target="_blank">
          指标库
        </Link>
      }
    >
      <List<SuggestionJson>
        size="small"
        loading={query.isPending}
        dataSource={open}
        locale={{ emptyText: query.isError ? '指标建议暂不可用' : '没有更多建议' }}
        renderItem={(s) => (
          <List.Item
            data-testid="suggestion"
            actions={[
              <Button key="insert" size="small" icon={<PlusOutlined />} onClick={() => onInsert(s)} data-testid="insert-suggestion">
                插入
              </Button>,
            ]}
          >
            <Space orientation="vertical" size={0}>
              <Space size={4} wrap>
                <Typography.Text strong data-testid="suggestion-name">
                  {s.name}
                </Typography.Text>
                <Tag>{s.level2 ?? s.level1 ?? '未归类'}</Tag>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <Tooltip title="相近项目中使用该指标的个数 / 全部使用该指标的项目数">
                  {s.similarProjects} 个相近项目使用（共 {s.projects} 个）
                </Tooltip>
                {s.target !== null && s.share === null && <>，同类中位数 {s.median === null ? '—' : formatFigure(s.median, s.unit)}，建议值 {s.target}</>}
                {/* an amount scaled to this project's budget: the share it applies, said (issue 71: 中位数 10.65万元 beside 建议值 0.58万元 read as a mistake) */}
                {s.target !== null && s.share !== null && (
                  <span data-testid="suggestion-scaled">
                    ，同类项目中位数 {s.median === null ? '—' : formatFigure(s.median, s.unit)}，约占其预算的 {formatPercent(s.share)}；按本项目预算 {formatMoney2(s.budgetFen)} 折算，建议值 {s.target}
                  </span>
                )}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
