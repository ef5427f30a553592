/**
 * The older common framework (issue 53), printed by many counties' forms before 2015 and for years
 * after: the categories of cn-2015, but the satisfaction of the people served is a level 2 of
 * 效益指标 (社会公众或服务对象满意度指标 under one merged 效益指标 cell), not a level 1 of its own. That is
 * the form's tree, not a lost level 1: such a row reads as the national 满意度指标 / 服务对象满意度指标,
 * with no warning, and the document is stored as following this framework (chosen by the evidence of its
 * category cells, framework.ts chooseFramework).
 */
import type { IndicatorFramework } from '../framework';
import { CN_2015 } from './cn-2015';

export const CN_COMMON: IndicatorFramework = {
  id: 'cn-common',
  name: '项目支出绩效指标框架（产出、效益，满意度列在效益指标下）',
  region: null,
  validFrom: 2010,
  validTo: null,
  level1: CN_2015.level1.map((l1) =>
    l1.name === '满意度指标' ? { ...l1, level2: l1.level2.map((l2) => ({ ...l2, alsoUnder: ['效益指标'] })) } : l1,
  ),
};
