/** How the shared 指标值 parser reads a target, shown under the input as the person types. */
import { Space, Tag } from 'antd';
import { useMemo } from 'react';
import type { Deadline, TargetValue } from '../../shared/domain/model';
import { parseTargetValue } from '../../shared/domain/target-value';

const KIND_LABELS: Record<TargetValue['kind'], string> = { quantitative: '定量', deadline: '时限', period: '期间', qualitative: '定性', empty: '未填写' };
const KIND_COLORS: Record<TargetValue['kind'], string> = { quantitative: 'green', deadline: 'cyan', period: 'cyan', qualitative: 'orange', empty: 'red' };

function deadlineText(d: Deadline): string {
  const year = d.year !== null ? `${d.year}年` : '';
  const month = d.month !== null ? `${d.month}月` : '';
  const day = d.day !== null ? `${d.day}日` : '';
  const end = d.endOfPeriod ? (d.month !== null ? '底' : '年底') : '';
  return `${year}${month}${day}${end}前` || '期限';
}

/** The parse of `raw` as tags: kind, operator, number, unit, deadline, words. */
export function TargetParse({ raw, testId }: { raw: string; testId?: string }) {
  const t = useMemo(() => parseTargetValue(raw), [raw]);
  return (
    <Space size={2} wrap className="target-parse" data-testid={testId} data-kind={t.kind}>
      <span style={{ color: '#595959' }}>解析：</span>
      <Tag color={KIND_COLORS[t.kind]}>{KIND_LABELS[t.kind]}</Tag>
      {t.operator && <Tag data-part="operator">运算符 {t.operator}</Tag>}
      {t.valueText !== null && <Tag data-part="value">数值 {t.valueText}</Tag>}
      {t.unit !== null && <Tag data-part="unit">单位 {t.unit}</Tag>}
      {t.kind === 'quantitative' && t.unit === null && <Tag color="warning">无单位</Tag>}
      {t.deadline && <Tag data-part="deadline">期限 {deadlineText(t.deadline)}</Tag>}
      {t.words && <Tag data-part="words">附加文字 {t.words}</Tag>}
    </Space>
  );
}
