/** Small display pieces: status, score, finding categories, money. */
import { Tag, Tooltip } from 'antd';
import type { Fen } from '../../shared/domain/model';
import type { FindingCategory } from '../../shared/review/types';
import type { ProjectStatus } from '../api/types';
import { formatMoney, formatScore } from '../lib/format';
import { CATEGORY_DESCRIPTIONS, CATEGORY_LABELS, STATUS_COLORS, STATUS_LABELS } from '../lib/labels';

export function StatusTag({ status }: { status: ProjectStatus }) {
  return (
    <Tag data-testid="status-tag" data-status={status} color={STATUS_COLORS[status]}>
      {STATUS_LABELS[status] ?? status}
    </Tag>
  );
}

const GRADE_COLORS: Record<string, string> = { 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' };

export function ScoreTag({ score, grade }: { score: number | null | undefined; grade?: string | null }) {
  if (score === null || score === undefined) return <span style={{ color: '#999' }}>—</span>;
  return (
    <Tag data-testid="score-tag" color={grade ? GRADE_COLORS[grade] : undefined}>
      {formatScore(score)}
      {grade ? ` ${grade}` : ''}
    </Tag>
  );
}

export function CategoryTag({ category, count }: { category: FindingCategory; count?: number }) {
  return (
    <Tooltip title={CATEGORY_DESCRIPTIONS[category]}>
      <Tag data-testid="category-tag" data-category={category}>
        {CATEGORY_LABELS[category] ?? category}
        {count !== undefined ? ` ${count}` : ''}
      </Tag>
    </Tooltip>
  );
}

export function CategoryTags({ categories }: { categories: readonly FindingCategory[] }) {
  return (
    <>
      {categories.map((c) => (
        <CategoryTag key={c} category={c} />
      ))}
    </>
  );
}

/** An amount in 万元, exact from fen. */
export function Money({ fen, unit = '万元' }: { fen: Fen | null | undefined; unit?: '万元' | '元' }) {
  return <span className="money">{formatMoney(fen, unit)}</span>;
}
