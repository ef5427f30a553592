/**
 * Category placement (issue 30 §3): what a row measures against where it stands, and the years a text names against
 * the budget year.
 * - a satisfaction measure (…满意度, …满意率) under 社会效益, 时效 or any category that is not 满意度指标;
 * - a 生态效益 indicator about staffing or running costs (人员, 编制, 工资 …) and about nothing ecological;
 * - a year before the budget year in a goal or an indicator's name, description or value (a target that is a
 *   deadline is mismatch.deadline-year's): a deadline already past is a warning, other mentions are info where paying
 *   or settling last year's entitlement is plausible (发放2024年度…), a warning otherwise.
 * Each reading is made once per distinct text (memo.ts); a row whose cells name no satisfaction, no ecological
 * category and no year costs a few lookups.
 */
import { compactLabel } from '../../domain/text';
import type { ReviewConfig } from '../config';
import { perText } from '../memo';
import type { IndicatorRule, ProjectRule, Rule, RuleHit } from '../types';
import { yearMentions, type YearMention } from '../readings';

const NO_MENTIONS: readonly YearMention[] = [];
import { NO_HITS } from '../types';
import type { Indicator, SourceLocation } from '../../domain/model';

const quote = (s: string, max = 40) => (s.length > max ? `${s.slice(0, max)}…` : s);

// ---------------------------------------------------------------------------------------------
// Satisfaction measured outside 满意度指标
// ---------------------------------------------------------------------------------------------


const satisfactionMisplaced: IndicatorRule = {
  id: 'taxonomy.satisfaction-misplaced',
  category: 'taxonomy',
  severity: 'warning',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '满意度放在了满意度指标以外的类别下',
  description:
    '名称以“满意度”“满意率”结尾的指标衡量服务对象的满意程度，应放在一级指标“满意度指标”（服务对象满意度指标）下。放在“社会效益指标”“时效指标”等类别下，' +
    '自评时按错误的类别计分，满意度指标也显得缺失。只看名称的末尾：“满意度调查次数”“满意度测评覆盖率”衡量的不是满意度，不报告。',
  examples: {
    triggers: {
      description: '效益指标—社会效益指标“群众满意度”指标值“≥90%”',
      patch: { indicators: [{ at: 4, name: '群众满意度', description: '受益群众对服务的满意程度', target: '≥90%' }] },
    },
    passes: {
      description: '效益指标—社会效益指标“满意度调查覆盖人次”',
      patch: { indicators: [{ at: 4, name: '满意度调查覆盖人次', description: '参加满意度调查的居民人次', target: '≥600人次' }] },
    },
  },
  check(indicator, _project, { config }, row) {
    const level1 = row.countedLevel1;
    if (level1 === null || level1 === config.satisfaction.level1 || indicator.name === '') return NO_HITS;
    const head = row.nameCell.satisfactionHead;
    if (head === null) return NO_HITS;
    const where = indicator.level2 !== null ? `“${level1}—${indicator.level2}”` : `“${level1}”`;
    return [
      {
        field: 'level2',
        source: indicator.sources.level2 ?? indicator.sources.name ?? indicator.source,
        message: `指标“${indicator.name}”衡量的是${head}，却放在${where}下`,
        suggestion: `把该行移到“${config.satisfaction.level1}—服务对象满意度指标”下；若要考核的是${indicator.level2 ?? level1}，改写指标名称和指标值。`,
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// An ecological benefit that is about staffing
// ---------------------------------------------------------------------------------------------

/** The staffing word of an ecological row's name and description when it has no ecological word; null otherwise. */
const staffingOnly = perText((text, config): string | null => {
  const { staffingWords, ecologicalWords } = config.placement;
  if (ecologicalWords.some((w) => text.includes(w))) return null;
  return staffingWords.find((w) => text.includes(w)) ?? null;
});

const ecologicalAboutStaffing: IndicatorRule = {
  id: 'taxonomy.ecological-about-staffing',
  category: 'taxonomy',
  severity: 'warning',
  criterion: '相关性',
  scope: 'indicator',
  reads: 'row',
  title: '生态效益指标衡量的是人员或运转',
  description:
    '生态效益指标衡量项目对生态环境的影响（绿化、水质、排放……）。名称和描述只说人员、编制、工资、在岗、机构运转等（没有任何生态环境方面的词）时，' +
    '这一行不是生态效益，多是为凑齐类别而填写；应放到社会效益或产出指标下，项目确无生态效益的不必填写。',
  examples: {
    triggers: {
      description: '效益指标—生态效益指标“在岗人员稳定率”',
      patch: { indicators: [{ at: 4, level2: '生态效益指标', name: '在岗人员稳定率', description: '在岗工作人员保持稳定', target: '≥95%' }] },
    },
    passes: {
      description: '效益指标—生态效益指标“护林人员巡护覆盖率”（林区巡护是生态效益）',
      patch: { indicators: [{ at: 4, level2: '生态效益指标', name: '护林人员巡护覆盖率', description: '护林员巡护林区的覆盖比例', target: '≥95%' }] },
    },
  },
  check(indicator, _project, { config }, row) {
    if (indicator.level2 === null || !config.placement.ecologicalLevel2.includes(indicator.level2)) return NO_HITS;
    const word = staffingOnly(indicator.description ? `${row.compactName}${row.compactDescription}` : row.compactName, config);
    if (word === null) return NO_HITS;
    return [
      {
        field: 'level2',
        source: indicator.sources.level2 ?? indicator.sources.name ?? indicator.source,
        message: `生态效益指标“${indicator.name}”说的是${word}，不是生态环境方面的效益`,
        suggestion: '移到社会效益指标或产出指标下；项目没有生态效益的，不必凑填生态效益指标。',
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// Years in a text before the budget year
// ---------------------------------------------------------------------------------------------

/** All years a text names (for "the text also names the budget year"), once per text. */
const namesYear = (text: string, year: number) => text.includes(String(year));

interface YearHit {
  mention: YearMention;
  /** The text names the budget year too: the past year is a reference within this year's work (info). */
  alsoThisYear: boolean;
}

/** The first past year a text names (before `year`), or null. */
function pastYearIn(text: string | null, mentions: readonly YearMention[], year: number): YearHit | null {
  for (const m of mentions) if (m.year < year) return { mention: m, alsoThisYear: namesYear(text!, year) };
  return null;
}

const pastYearInText: ProjectRule = {
  id: 'mismatch.past-year-in-text',
  category: 'mismatch',
  severity: 'warning',
  criterion: '可行性',
  scope: 'project',
  departmentTargets: true,
  title: '目标或指标中的年份早于预算年度',
  description:
    '年度绩效目标和指标说的是预算年度的工作。目标、指标名称、描述或指标值写了更早的年份（2025年的文档写“完成2024年度……”“2024年12月底前”），多是照抄上年的表格未改年份：' +
    '已过去的时限和照抄的年份为警告；句中有“发放”“补发”“兑现”“结算”“考核”“决算”“审计”等词、是本年度支付或结清上年应得的（如“发放2024年度考核奖”），或同一句也写了预算年度的，年份没有错，不报告。' +
    '“较2024年”“自2019年起”“2024年基础上”等基数、起点，“整理2024年文书档案”等所处理的档案、资料、凭证的年份，“2024-2026年”等区间，书名号、文号里的年份都不算；指标值本身是完成时限的见“完成时限早于预算年度”。',
  examples: {
    triggers: {
      description: '2025年的文档中，绩效目标“完成2024年度社区服务活动12场”',
      patch: { project: { goals: ['完成2024年度社区服务活动12场', '居民满意度达到90%以上'] } },
    },
    passes: {
      description: '2025年的文档中，绩效目标“在2024年基础上新增社区服务活动12场”',
      patch: { project: { goals: ['在2024年基础上新增社区服务活动12场', '居民满意度达到90%以上'] } },
    },
  },
  check(project, { doc, config }, rows) {
    const year = doc.year;
    if (year === null) return NO_HITS;
    let hits: RuleHit[] | null = null;
    const add = (found: YearHit, where: string, field: RuleHit['field'], source: SourceLocation | null, indicatorIndex: number | null) => {
      const { mention, alsoThisYear } = found;
      // paying or settling last year's entitlement this year (发放2024年度考核奖, 补发2024年第四季度津贴), or a past year
      // beside the budget year in one sentence, is this year's work written correctly: nothing to say
      if (!mention.deadline && (mention.entitled || alsoThisYear)) return;
      (hits ??= []).push({
        field,
        source,
        indicatorIndex,
        message: mention.deadline
          ? `${where}“${mention.quote}”的时限在${mention.year}年，早于预算年度${year}年`
          : `${where}“${mention.quote}”写的是${mention.year}年，预算年度是${year}年`,
        suggestion: mention.deadline
          ? `改为预算年度内的时限（如“${year}年12月底前”）。`
          : `核对年份：年度目标和指标应是${year}年的工作，改为${year}年；确属上年遗留事项的，写明“结转”“续建”等。`,
      });
    };
    for (const goal of project.goals) {
      const found = pastYearIn(goal, goal ? yearMentions(goal, config) : NO_MENTIONS, year);
      if (found !== null) {
        add(found, '绩效目标', 'goals', project.sources.goals ?? project.source, null);
        break; // one finding for the goals
      }
    }
    const { indicators } = project;
    for (let i = 0; i < indicators.length; i++) {
      const indicator: Indicator = indicators[i]!;
      const row = rows[i]!;
      const name = pastYearIn(indicator.name, row.nameCell.yearMentions, year);
      if (name !== null) {
        add(name, `指标名称`, 'indicatorName', indicator.sources.name ?? indicator.source, i);
        continue;
      }
      const description = pastYearIn(indicator.description, row.descriptionCell.yearMentions, year);
      if (description !== null) {
        add(description, `指标“${indicator.name}”的描述`, 'description', indicator.sources.description ?? indicator.source, i);
        continue;
      }
      const t = indicator.target;
      if (t.kind === 'deadline' || t.kind === 'period') continue; // mismatch.deadline-year
      const target = pastYearIn(t.raw, row.targetCell.yearMentions, year);
      if (target !== null) add(target, `指标“${indicator.name}”的指标值`, 'target', indicator.sources.target ?? indicator.source, i);
    }
    return hits ?? NO_HITS;
  },
};

export const PLACEMENT_RULES: Rule[] = [satisfactionMisplaced, ecologicalAboutStaffing, pastYearInText];
