/**
 * The indicator framework the Hebei fixture documents use (domain.md, "Indicators"), the common
 * one in local budgets since the 2015 rules on performance targets: 成本指标 is a level 2 of
 * 产出指标. Synonyms are spellings seen in real documents; matching already ignores whitespace,
 * full/half width and a trailing "指标", so only genuinely different words need listing (the
 * short forms without 指标 are listed anyway, so the data reads as the complete vocabulary).
 */
import type { IndicatorFramework } from '../framework';

export const CN_2015: IndicatorFramework = {
  id: 'cn-2015',
  name: '项目支出绩效指标框架（产出、效益、满意度）',
  region: null,
  validFrom: 2015,
  validTo: null,
  level1: [
    {
      name: '产出指标',
      synonyms: ['产出'],
      // the older national 申报表's level 1s (still printed by several provinces' forms), and other forms' own names (产出值, 成效指标: issue 68)
      formNames: ['项目完成指标', '项目完成', '产出值'],
      level2: [
        { name: '数量指标', synonyms: ['数量'] },
        { name: '质量指标', synonyms: ['质量'] },
        { name: '时效指标', synonyms: ['时效', '实效指标', '实效'] },
        { name: '成本指标', synonyms: ['成本'] },
      ],
    },
    {
      name: '效益指标',
      synonyms: ['效益', '效果指标', '效果'],
      formNames: ['项目效益指标', '项目效益', '成效指标'],
      level2: [
        { name: '经济效益指标', synonyms: ['经济效益'] },
        { name: '社会效益指标', synonyms: ['社会效益'] },
        { name: '生态效益指标', synonyms: ['生态效益'] },
        { name: '可持续影响指标', synonyms: ['可持续影响', '可持续性影响', '可持续性影响指标'] },
      ],
    },
    {
      name: '满意度指标',
      // "社会公众或服务对象满意度指标" heads the satisfaction rows of many provinces' tables.
      synonyms: ['满意度', '服务对象满意度'],
      formNames: ['社会公众或服务对象满意度'],
      level2: [
        // A level-2 cell that repeats the level 1 ("满意度指标") can only mean this one.
        { name: '服务对象满意度指标', synonyms: ['服务对象满意度', '满意度指标', '满意度', '社会公众满意度'], formNames: ['社会公众或服务对象满意度'] },
      ],
    },
  ],
};
