/**
 * What the suite's honest property test (test/importers/layout-honest.property.test.ts) leaves out: the features
 * (honest.ts `featuresOf` keys, matched by prefix) that the reader does not read yet, each found by
 * `npm run fuzz:honest` to give silent misreads (alone or with others), with the misread it gives. The lead takes
 * them out of this list as the reader learns them; `npm run fuzz:honest` (without --suite) keeps asserting all of
 * them. Found on main at 35e97c6 (2026-11-29) with the suite's seed (600 cases in all four formats) and seed 7
 * (`npm run fuzz:honest -- --suite --seed 7 --count 600`: 3 silent, whose features are the last added here). Another
 * seed may find more (each a reader gap: the run names its features and the field that goes wrong).
 */
export const SUITE_EXCLUDED: readonly string[] = [
  // a name header in other words (or none): the names go to an extra, the indicators are nameless, certain
  'header:name=考核内容', 'header:name=评价要点', 'header:name=指标细化', 'header:name=三级指标（考核内容）', 'header:name=考核指标', 'header:name=细化指标',
  'header:name=评价指标', 'header:name=(无名',
  // 绩效指标 over the names, the columns in another order (绩效指标 | 指标值 | 一级指标): the names to an extra
  'header:name=绩效指标',
  // a level-2 header in other words (or none): level 2 read as null, certain
  'header:level2=二级分类', 'header:level2=指标细类', 'header:level2=二级绩效指标', 'header:level2=指标要素', 'header:level2=(无名',
  // a level-1 header in other words, with other unknown headers beside it: the table not found (缺少绩效指标表), certain
  'header:level1=一级分类', 'header:level1=指标维度', 'header:level1=绩效维度', 'header:level1=一级绩效指标',
  // no level-1 header, with a 指标性质 column: the table not found (缺少绩效指标表), certain
  'header:level1=(无名',
  // a target header in other words (or none): doubted alone; with another unknown header the table is not found, certain
  'header:target=区域目标值', 'header:target=目标值（定量）', 'header:target=预期完成值', 'header:target=预期目标', 'header:target=计划完成值',
  'header:target=考核目标', 'header:target=完成标准', 'header:target=预计完成值', 'header:target=预期值', 'header:target=标准值', 'header:target=值',
  'header:target=(无名',
  // a split target's operator or unit column in other words (or none): the operator or unit left out of the target, certain
  'header:operator=比较方式', 'header:operator=关系', 'header:operator=取值方式', 'header:operator=计算符号', 'header:operator=(无名',
  'header:unit=单位名称', 'header:unit=计量', 'header:unit=(无名',
  // soft columns in other words: the weight, the basis, the description kept only as an extra
  'header:weight=标准分', 'header:weight=权重分', 'header:basis=取值依据', 'header:basis=指标来源', 'header:basis=参考依据',
  'header:description=指标定义', 'header:description=指标含义', 'header:description=解释说明',
  // last year's actual with no header saying which of the two is this year's: marked certain
  'header:prior=(无名',
  // a form's names for levels (产出值, 成效指标, 满意度值, 数量目标, 经济成本 …) and its notes (（必填硬性指标）): the level read as
  // null or the framework wrong, certain; the form's word not kept
  'level:', 'level-note',
  // a form's own tree: 一级指标 over 实施效果指标 (the levels shifted one down); 过程管理指标's own levels
  'column:tree(shifted', 'tree:process',
  // 年度绩效目标(90分) down the left of the indicator rows: the rows read as a goal, the table not found (缺少绩效指标表), certain
  'column:group=年度绩效目标(90分)',
  // headers over the wrong columns: a table a person cannot read, marked certain
  'headers-swapped',
  // the value and its unit in two columns; a second header row over the target's parts: a header row read as an indicator
  'split:valueUnit', 'two-row-header',
  // a later year's or the period's target beside this year's: kept as a plain extra (the period's no period indicator),
  // or taken for this year's target (预计2026年 | 预计2025年)
  'column:later', 'column:period',
  // project labels in other words: the name taken from the table's title or missing (缺少项目名称), the amount missing (缺少预算数)
  'form:name=政策和项目名称', 'form:name=项目', 'form:amount=年度预算资金总额',
  // targets in shapes of the corpus: two targets in a cell (＞80%；27余场；40场) read as the first alone; 100余户 as =100 余户;
  // 》90% as =90%;
  // the unit in the name's brackets (巡查次数（次） | ≥40) not given to the target
  'target:several', 'target:yu', 'target:oddOperator', 'target:unitInName',
  // a rate per day (100元/人.天) read as 元/人
  'target:per',
];
