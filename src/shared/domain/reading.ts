/**
 * How sure a table's reading is (issue 53): every table read from a document (a project's, a
 * department's whole-budget table, a list of projects) carries its doubts, the places where the
 * reader's checks of the structure or of what it read say a careful person might not agree. A
 * reading is certain only without any. A table read wrongly and shown as right is the worst defect a
 * reader can have: the preview shows the doubts first, storing a doubted table needs a person's
 * confirmation, and the review neither grades it nor builds findings on its doubted part.
 *
 * Pure data and functions: the parser, the import preview, the review and the pages share them.
 */
import type { ParsedDocument, SourceLocation } from './model';

/** Which part of a table a doubt is about: the review builds nothing on it. */
export const DOUBT_PARTS = ['table', 'name', 'budget', 'goals', 'indicators', 'categories', 'names', 'targets'] as const;
export type DoubtPart = (typeof DOUBT_PARTS)[number];

export const DOUBT_CODES = [
  'header-no-target',
  'header-ambiguous',
  'targets-unread',
  'name-is-value',
  'name-is-category',
  'name-is-label',
  'cell-misfit',
  'no-indicators',
  'label-value-is-label',
  'indicators-in-text',
  'signoff-in-indicators',
  'short-row-ambiguous',
  'category-outside-cells',
  'project-name-doubtful',
  'unplaced-values',
  'list-amount-mismatch',
  'total-beside-unknown',
  'list-row-unread',
  'self-eval-columns',
  'self-eval-figure',
  'self-eval-funds',
  'self-eval-no-indicators',
  'ocr-scanned',
  'ocr-low-confidence',
  'ocr-confusable',
  'ocr-check-failed',
  'ocr-target-shape',
  'ocr-corrected',
] as const;

export type DoubtCode = (typeof DOUBT_CODES)[number];

/** The doubts of a table read from a scan by OCR (issue 56, server/importers/ocr/ocr-doubts.ts); the others are the structure stage's. */
export const OCR_DOUBT_CODES = ['ocr-scanned', 'ocr-low-confidence', 'ocr-confusable', 'ocr-check-failed', 'ocr-target-shape', 'ocr-corrected'] as const satisfies readonly DoubtCode[];
export type OcrDoubtCode = (typeof OCR_DOUBT_CODES)[number];

export interface Doubt {
  code: DoubtCode;
  part: DoubtPart;
  /** In words a budget officer understands, naming the table and the place. */
  message: string;
  where: SourceLocation;
  /**
   * What the doubted value most likely says, most likely first (issue 69: a target read by OCR whose shape is no
   * target's): the import preview offers each in one click.
   */
  likely?: string[];
}

export interface Reading {
  /** No doubt: a careful person would agree with every field read. */
  certain: boolean;
  doubts: Doubt[];
}

/** What each doubt means, for the documentation and the preview's legend. */
export const DOUBT_DESCRIPTIONS: Readonly<Record<DoubtCode, { title: string; part: DoubtPart; explain: string }>> = {
  'header-no-target': { title: '表头中没有指标值列', part: 'targets', explain: '指标表头中没有识别出指标值（目标值）列，但表中另有一列内容像指标值：指标值可能在该列中，未能读取。' },
  'header-ambiguous': { title: '无法判断哪一列是本年度指标值', part: 'targets', explain: '多行表头把指标值分成几个年度（如“2025年”“2026年”），没有文字说明哪一列是本年度目标，标题也没有给出年度。' },
  'targets-unread': { title: '指标值大多为空而另一列有数值', part: 'targets', explain: '多数指标的指标值为空，同一行的另一列却写着数值：表头的分列（如上年实际值/本年目标值）可能没有读对。' },
  'name-is-value': { title: '指标名称像是数值', part: 'names', explain: '三级指标名称是一个数值、百分比、金额或日期：单元格可能错列。' },
  'name-is-category': { title: '指标名称是一、二级指标类别', part: 'names', explain: '三级指标名称写的是“产出指标”“数量指标”这样的类别名称，而指标值不像数值：单元格可能错列（名称滑进了类别列）。' },
  'name-is-label': { title: '指标名称是表格栏目', part: 'names', explain: '三级指标名称是“项目名称”“预算数”“绩效目标”这样的栏目名称：表格的栏目可能被当成了指标行。' },
  'cell-misfit': { title: '单元格内容与所在列不符', part: 'indicators', explain: '一、二级指标列中是数值，或指标值列中是类别名称、签章文字：单元格可能错列。' },
  'no-indicators': { title: '有指标表头却没有读到指标', part: 'table', explain: '表中有指标表头，但其下没有读到任何指标：指标可能写成了大段文字，或表格结构未能识别。' },
  'label-value-is-label': { title: '栏目的值是另一个栏目', part: 'table', explain: '一个栏目（如“项目名称”）的值读到的是另一个栏目的名称：栏目与值可能错位。' },
  'indicators-in-text': { title: '文字中有未拆分的指标', part: 'indicators', explain: '指标表以外的文字（栏目的值、目标或段落）中写有“指标1：……”这样的指标，未能拆分为指标。' },
  'signoff-in-indicators': { title: '签章或联系方式混入指标', part: 'indicators', explain: '指标行中出现“盖章”“填报人”“联系电话”“年 月 日”等签章文字：签章行可能被当成了指标。' },
  'short-row-ambiguous': { title: '缺少单元格的行无法确定对应哪几列', part: 'indicators', explain: '某行的单元格少于表头的列数，且可以不止一种方式对应到各列：该行的读取不可靠。' },
  'category-outside-cells': { title: '类别文字印在表格单元格之外', part: 'categories', explain: '一、二级指标的类别名称（如“社会效益指标”）印在指标表的单元格以外：跨页的合并单元格只在一页上画出了指标列的格线，类别文字落在格线之外，未能对应到各行，这几页指标的类别可能沿用了上方的类别。' },
  'project-name-doubtful': { title: '项目名称不可靠', part: 'name', explain: '项目名称读到的是小标题、栏目名称或数值（如“中长期绩效目标”“年度绩效指标”）。' },
  'self-eval-columns': { title: '自评表缺少核对得分所需的栏目', part: 'table', explain: '自评表的指标表头中没有识别出三级指标、年度指标值、实际完成值、分值或得分栏目，或表头下没有指标：自评得分无法核对。' },
  'self-eval-figure': { title: '自评表的分值或得分不是数值', part: 'indicators', explain: '自评表中某个分值、得分或总分单元格写的不是数值（如“满分”“见附件”），未能读取，相关核对不作出。' },
  'self-eval-funds': { title: '自评表的年度资金未能读取', part: 'budget', explain: '自评表有年度资金栏目，但没有找到“年度资金总额”行，或其中的预算数、执行数不是金额：资金得分不作核对。' },
  'total-beside-unknown': { title: '预算数可能未读对', part: 'budget', explain: '表中没有识别出预算总额栏目，预算数按财政资金、其他资金读出，而另一个未识别的栏目（如“项目核定金额”）写着金额：该金额可能才是本年度预算数。' },
  'list-row-unread': { title: '项目清单的一行未能读全', part: 'table', explain: '一行一个项目的清单（序号 | 项目名称 | 预算金额 | 绩效目标 | 绩效指标）中，该项目的行没有项目名称、金额为空或不是数值，或有单元格不在任何栏目之下：该项目的相应内容缺失或未能读取。' },
  'list-amount-mismatch': { title: '金额与项目清单不一致', part: 'budget', explain: '文档的预算表（项目支出表、专项业务经费支出表等）列出了同一项目的金额，与绩效目标表读到的金额不一致：金额或其单位可能读错，也可能是文档本身前后不一。' },
  'self-eval-no-indicators': { title: '自评表的指标表头下没有指标', part: 'indicators', explain: '自评表有绩效指标表头，但其下没有读到任何指标（表格可能不完整，或指标写成了文字）：指标得分与总分不作核对，年度资金仍然核对。' },
  'unplaced-values': { title: '有数值未能读入', part: 'table', explain: '表中有金额、百分比等数值既不在任何栏目之下，也不在指标列之中，未能读入：相关栏目可能读错。' },
  'ocr-scanned': { title: '扫描件经文字识别读取', part: 'table', explain: '表格取自扫描图像，由文字识别（OCR）读出：须有人对照原件核对存疑的单元格后才能确认。' },
  'ocr-low-confidence': { title: '文字识别置信度低', part: 'table', explain: '该单元格的文字识别置信度低于阈值：字迹模糊、有污渍或印章，读出的文字可能有误。' },
  'ocr-confusable': { title: '含易混淆字符', part: 'table', explain: '数值中出现文字识别常混淆的字符（如 0 与 O、1 与 l、万 与 方）：读出的数值可能有误。' },
  'ocr-check-failed': { title: '数值未通过校验', part: 'table', explain: '读出的数值相互矛盾（如财政资金与其他资金之和不等于预算数、比率超过 100%、支出进度倒退）：其中某个数可能识别有误。' },
  'ocr-target-shape': { title: '指标值不像指标值', part: 'table', explain: '文字识别读出的指标值不是“比较符号、数值、单位”的样子：比较符号处是数字或“三”“=”（≥、≤ 无法被识别，常被读作 2、三、=、<），或比率超过 100%。预览给出最可能的读法，可一键采用。' },
  'ocr-corrected': { title: '识别结果已更正', part: 'table', explain: '文字识别读错的字符已按字形或应有的用词更正（如 ≥ 被识别为 2、三 或 =，“万元”被识别为“方元”）：请对照原件确认更正无误。' },
};

/** The reading of a table with these doubts. */
export function readingOf(doubts: readonly Doubt[]): Reading {
  return { certain: doubts.length === 0, doubts: [...doubts] };
}

/** The reading of a table read with no doubt (and of a project made on Jixiao's own table). */
export const CERTAIN: Reading = Object.freeze({ certain: true, doubts: Object.freeze([]) as unknown as Doubt[] });

/** Whether a reading doubts a part (a doubt about the whole table doubts every part). */
export function doubts(reading: Reading | null | undefined, part: DoubtPart): boolean {
  if (!reading || reading.certain) return false;
  return reading.doubts.some((d) => d.part === part || d.part === 'table' || (d.part === 'indicators' && (part === 'categories' || part === 'names' || part === 'targets')));
}

/** Each part's name in a sentence (the review's 未评分 reason). */
export const DOUBT_PART_WORDS: Readonly<Record<DoubtPart, string>> = {
  table: '表格结构',
  name: '项目名称',
  budget: '预算金额',
  goals: '绩效目标',
  indicators: '指标行',
  categories: '指标类别',
  names: '三级指标名称',
  targets: '指标值列',
};

/** The parts a reading doubts, each once, in the order of DOUBT_PART_WORDS. */
export function doubtedParts(reading: Reading | null | undefined): DoubtPart[] {
  if (!reading || reading.certain) return [];
  const parts = new Set(reading.doubts.map((d) => d.part));
  return (Object.keys(DOUBT_PART_WORDS) as DoubtPart[]).filter((p) => parts.has(p));
}

/** How many tables of a document have a doubted reading (its projects' and its department-wide table). */
export function doubtedTables(doc: Pick<ParsedDocument, 'projects' | 'departmentTargets'>): number {
  return doc.projects.filter((p) => p.reading !== undefined && !p.reading.certain).length + (doc.departmentTargets?.reading?.certain === false ? 1 : 0);
}
