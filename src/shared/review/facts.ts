/**
 * What the rules read of one indicator row, each reading made at most once per row and review (issue 18).
 *
 * Some thirty rules look at every row, and most of them ask the same questions of it: which first-level category
 * it counts for, whether it needs a number, its target's unit family, what its name and description say they
 * measure, its cells normalised for comparison. Each question used to be answered by a cached lookup per rule
 * (memo.ts); the engine now makes one RowFacts per row (ReviewContext.rows) and hands it to every indicator
 * rule, so each answer is looked up once and then read as a field.
 *
 * Every reading is computed on first use (a rule that returns early never pays for what it does not read) and is
 * the same value the helper it names returns: the facts are a cache, never a different reading.
 */
import type { NormalizedCategories } from '../domain/framework';
import type { Indicator } from '../domain/model';
import { compactLabel } from '../domain/text';
import type { ReviewConfig, UnitFamily } from './config';
import { normalizeCell } from './cells';
import { perText } from './memo';
import { targetFamily } from './units';
import { writtenUnitOf } from '../domain/target-value';
import {
  countedLevel1,
  describesRateOf,
  isGrade,
  longestPhraseOf,
  measureOf,
  moneyFen,
  needsNumber,
  normalizeCategories,
  outcomeBasisOf,
  satisfactionHeadOf,
  targetText,
  targetTextOf,
  templatePhraseOf,
  unitWordOf,
  type MeasureWord,
  type TemplatePhrase,
  type YearMention,
  yearMentionsOf,
} from './readings';
import type { ReviewContext } from './types';

/** Marks a reading not made yet (its value may be null). */
const UNREAD: unique symbol = Symbol('unread');
type Lazy<T> = T | typeof UNREAD;

/**
 * What the rules read of one cell's text (a name, a description, a target as written, a basis), each reading made on
 * first use and kept: one per distinct text and settings (cellText), so a row's cells cost one cache lookup each,
 * however many readings the rules ask of them (issue 18: they asked some seventeen lookups per row before).
 */
export class CellText {
  private _norm: Lazy<string> = UNREAD;
  private _compact: Lazy<string> = UNREAD;
  private _templatePhrase: Lazy<TemplatePhrase | null> = UNREAD;
  private _measureAsName: Lazy<MeasureWord | null> = UNREAD;
  private _measureAsDescription: Lazy<MeasureWord | null> = UNREAD;
  private _outcomeBasis: Lazy<string | null> = UNREAD;
  private _yearMentions: Lazy<YearMention[]> = UNREAD;
  private _satisfactionHead: Lazy<string | null> = UNREAD;
  private _unitWord: Lazy<readonly [string, string] | null> = UNREAD;
  private _describesRate: Lazy<boolean> = UNREAD;
  private _writtenUnit: Lazy<string | null> = UNREAD;
  private _vaguePhrase: Lazy<string | null> = UNREAD;
  /**
   * The row rules' hits remembered for rows with this text as their name (row-memo.ts): the rows with a name are found
   * from the name's readings, which every row has at hand, without a lookup by text of their own.
   */
  rowsNamed: Map<CellText, unknown[]> | null = null;
  /** The number of the normalised text in the duplicate rules' numbering (duplicate.ts: cellNumber), with that numbering. */
  normNumber: { numbering: number; id: number } | null = null;

  constructor(
    readonly text: string,
    private readonly config: ReviewConfig,
  ) {}

  /** normCell (cells.ts): half-width, no whitespace, no trailing punctuation. */
  get norm(): string {
    if (this._norm === UNREAD) this._norm = normalizeCell(this.text);
    return this._norm;
  }

  /** compact (cells.ts): half-width, no whitespace. */
  get compact(): string {
    if (this._compact === UNREAD) this._compact = compactLabel(this.text);
    return this._compact;
  }

  /** The first template phrase in the text (missing.template-text); null when none. */
  get templatePhrase(): TemplatePhrase | null {
    if (this._templatePhrase === UNREAD) this._templatePhrase = templatePhraseOf(this.text, this.config);
    return this._templatePhrase;
  }

  /** readMeasure of the text read as a name (null for an empty text). */
  get measureAsName(): MeasureWord | null {
    if (this._measureAsName === UNREAD) this._measureAsName = this.text ? measureOf(this.text, 'name', this.config) : null;
    return this._measureAsName;
  }

  /** readMeasure of the text read as a description (null for an empty text). */
  get measureAsDescription(): MeasureWord | null {
    if (this._measureAsDescription === UNREAD) this._measureAsDescription = this.text ? measureOf(this.text, 'description', this.config) : null;
    return this._measureAsDescription;
  }

  /** The outcome phrase the text names if it is a basis (missing.basis-is-outcome); null when none. */
  get outcomeBasis(): string | null {
    if (this._outcomeBasis === UNREAD) this._outcomeBasis = outcomeBasisOf(this.text, this.config);
    return this._outcomeBasis;
  }

  /** The years the text names that could be the year of its work (mismatch.past-year-in-text). */
  get yearMentions(): YearMention[] {
    if (this._yearMentions === UNREAD) this._yearMentions = yearMentionsOf(this.text, this.config);
    return this._yearMentions;
  }

  /** The satisfaction word a name ends with (群众满意度); null otherwise (taxonomy.satisfaction-misplaced). */
  get satisfactionHead(): string | null {
    if (this._satisfactionHead === UNREAD) this._satisfactionHead = satisfactionHeadOf(this.text, this.config);
    return this._satisfactionHead;
  }

  /** The first word of config.unitHints.byWord in the text, with its unit; null when none (unit.no-unit). */
  get unitWord(): readonly [string, string] | null {
    if (this._unitWord === UNREAD) this._unitWord = unitWordOf(this.text, this.config);
    return this._unitWord;
  }

  /** Whether the text, read as a description, ends in a rate word ("完成率": unit.no-unit). */
  get describesRate(): boolean {
    if (this._describesRate === UNREAD) this._describesRate = describesRateOf(this.text, this.config);
    return this._describesRate;
  }

  /** The unit of the text read as a value, as written (writtenUnitOf: "万" where the parser reads 万元). */
  get writtenUnit(): string | null {
    if (this._writtenUnit === UNREAD) this._writtenUnit = writtenUnitOf(this.text);
    return this._writtenUnit;
  }

  /** The longest vague phrase (config.vaguePhrases) in the text read as a value (targetText); null when none. */
  get vaguePhrase(): string | null {
    if (this._vaguePhrase === UNREAD) this._vaguePhrase = longestPhraseOf(targetTextOf(this.text), this.config.vaguePhrases);
    return this._vaguePhrase;
  }
}

/**
 * A cell's readings, once per distinct text and settings (bounded, as every per-text cache: memo.ts). Shared: never
 * changed but by its own getters and by what other modules keep with it (rowsNamed, normNumber).
 */
export const cellText = perText((text, config) => new CellText(text, config));

export class RowFacts {
  private _countedLevel1: Lazy<string | null> = UNREAD;
  private _needsNumber: Lazy<boolean> = UNREAD;
  private _family: Lazy<UnitFamily | null> = UNREAD;
  private _targetText: Lazy<string> = UNREAD;
  private _isGrade: Lazy<boolean> = UNREAD;
  private _categories: Lazy<NormalizedCategories> = UNREAD;
  private _moneyFen: Lazy<bigint | null> = UNREAD;
  private _nameCell: CellText | null = null;
  private _descriptionCell: CellText | null = null;
  private _targetCell: CellText | null = null;
  private _basisCell: CellText | null = null;

  constructor(
    readonly indicator: Indicator,
    private readonly ctx: ReviewContext,
  ) {}

  /** The raw level-1 and level-2 cells normalised again (taxonomy.ts: what the document itself wrote). */
  get categories(): NormalizedCategories {
    if (this._categories === UNREAD) this._categories = normalizeCategories(this.ctx.framework, this.indicator.level1Raw, this.indicator.level2Raw);
    return this._categories;
  }

  /** moneyFen (budget.ts): a money target as fen; null when not money. */
  get moneyFen(): bigint | null {
    if (this._moneyFen === UNREAD) this._moneyFen = moneyFen(this.indicator);
    return this._moneyFen;
  }

  /** countedLevel1 (unit.ts): the first-level category the row counts for. */
  get countedLevel1(): string | null {
    if (this._countedLevel1 === UNREAD) this._countedLevel1 = countedLevel1(this.indicator, this.ctx);
    return this._countedLevel1;
  }

  /** Whether the row is a satisfaction indicator (isSatisfaction, unit.ts). */
  get isSatisfaction(): boolean {
    return this.countedLevel1 === this.ctx.config.satisfaction.level1;
  }

  /** needsNumber (unit.ts): whether the category needs a number. */
  get needsNumber(): boolean {
    if (this._needsNumber === UNREAD) this._needsNumber = needsNumber(this.indicator, this.ctx);
    return this._needsNumber;
  }

  /** targetFamily (units.ts): the unit family of a quantitative target; null otherwise. */
  get family(): UnitFamily | null {
    if (this._family === UNREAD) this._family = targetFamily(this.indicator.target, this.ctx.config);
    return this._family;
  }

  /** readMeasure of the name, read as a name. */
  get nameMeasure(): MeasureWord | null {
    return this.indicator.name ? this.nameCell.measureAsName : null;
  }

  /** readMeasure of the description, read as a description. */
  get descriptionMeasure(): MeasureWord | null {
    return this.indicator.description ? this.descriptionCell.measureAsDescription : null;
  }

  /** targetText (unit.ts): the target for matching phrases and grades. */
  get targetText(): string {
    if (this._targetText === UNREAD) this._targetText = targetText(this.indicator.target);
    return this._targetText;
  }

  /** isGrade (unit.ts): whether the target is a grade (优, 良好以上 …). */
  get isGrade(): boolean {
    if (this._isGrade === UNREAD) this._isGrade = isGrade(this.indicator.target, this.ctx);
    return this._isGrade;
  }

  /** The row's cells and their readings (CellText): the description and the basis read as '' when absent. */
  get nameCell(): CellText {
    return (this._nameCell ??= cellText(this.indicator.name, this.ctx.config));
  }

  get descriptionCell(): CellText {
    return (this._descriptionCell ??= cellText(this.indicator.description ?? '', this.ctx.config));
  }

  /** The target as written (target.raw). */
  get targetCell(): CellText {
    return (this._targetCell ??= cellText(this.indicator.target.raw, this.ctx.config));
  }

  get basisCell(): CellText {
    return (this._basisCell ??= cellText(this.indicator.basis ?? '', this.ctx.config));
  }

  /** normCell of the name, description and target (empty for a missing description). */
  get normName(): string {
    return this.nameCell.norm;
  }

  get normDescription(): string {
    return this.descriptionCell.norm;
  }

  get normTarget(): string {
    return this.targetCell.norm;
  }

  /** compact of the name and description (empty for a missing description). */
  get compactName(): string {
    return this.nameCell.compact;
  }

  get compactDescription(): string {
    return this.descriptionCell.compact;
  }
}

/** The facts of every row of the projects, by project and row index. */
export function factsOfRows(indicatorsOf: readonly { indicators: readonly Indicator[] }[], ctx: ReviewContext): RowFacts[][] {
  return indicatorsOf.map((p) => p.indicators.map((indicator) => new RowFacts(indicator, ctx)));
}
