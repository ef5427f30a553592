/** Small display pieces: status, score, finding categories, money. */
import { Tag, Tooltip } from 'antd';
import type { Fen } from '../../shared/domain/model';
import type { FindingCategory } from '../../shared/review/types';
import type { ProjectStatus } from '../api/types';
import { formatMoney, formatScore, formatWanYuan, formatWanYuan2, formatYuan } from '../lib/format';
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
  if (score === null || score === undefined) return <span style={{ color: '#595959' }}>—</span>;
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

/**
 * An amount from fen: in 元 with two decimals when its source wrote 元; else in 万元 with two
 * decimals, and where that rounds (an amount in 元 such as 7,885,357 元 is 788.5357 万元) marked ≈
 * with the exact amount in 元 on hover (never more than two decimals on a page, issue 34).
 */
export function Money({ fen, unit = '万元' }: { fen: Fen | null | undefined; unit?: string }) {
  if (fen === null || fen === undefined || unit === '元') return <span className="money">{formatMoney(fen, unit === '元' ? '元' : '万元')}</span>;
  const shown = formatWanYuan2(fen);
  const exact = formatWanYuan(fen);
  if (exact === shown) return <span className="money">{shown} 万元</span>;
  // rounded to two decimals: said so, with the exact amount in 元 (issue 58)
  return (
    <span className="money" data-exact={exact}>
      ≈{shown} 万元
      <span className="money-exact" data-testid="money-exact">
        （四舍五入，精确 {formatYuan(fen)} 元）
      </span>
    </span>
  );
}
