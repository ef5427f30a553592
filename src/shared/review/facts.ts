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
import type { UnitFamily } from './config';
import { compact, normCell } from './cells';
import { targetFamily } from './units';
import { moneyFen } from './rules/budget';
import { readMeasure, type MeasureWord } from './rules/mismatch';
import { normalizeCategories } from './rules/taxonomy';
import { countedLevel1, isGrade, needsNumber, targetText } from './rules/unit';
import type { ReviewContext } from './types';

/** Marks a reading not made yet (its value may be null). */
const UNREAD: unique symbol = Symbol('unread');
type Lazy<T> = T | typeof UNREAD;

export class RowFacts {
  private _countedLevel1: Lazy<string | null> = UNREAD;
  private _needsNumber: Lazy<boolean> = UNREAD;
  private _family: Lazy<UnitFamily | null> = UNREAD;
  private _nameMeasure: Lazy<MeasureWord | null> = UNREAD;
  private _descriptionMeasure: Lazy<MeasureWord | null> = UNREAD;
  private _targetText: Lazy<string> = UNREAD;
  private _isGrade: Lazy<boolean> = UNREAD;
  private _normName: Lazy<string> = UNREAD;
  private _normDescription: Lazy<string> = UNREAD;
  private _normTarget: Lazy<string> = UNREAD;
  private _compactName: Lazy<string> = UNREAD;
  private _compactDescription: Lazy<string> = UNREAD;
  private _categories: Lazy<NormalizedCategories> = UNREAD;
  private _moneyFen: Lazy<bigint | null> = UNREAD;

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
    if (this._nameMeasure === UNREAD) this._nameMeasure = readMeasure(this.indicator.name, 'name', this.ctx.config);
    return this._nameMeasure;
  }

  /** readMeasure of the description, read as a description. */
  get descriptionMeasure(): MeasureWord | null {
    if (this._descriptionMeasure === UNREAD) this._descriptionMeasure = readMeasure(this.indicator.description, 'description', this.ctx.config);
    return this._descriptionMeasure;
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

  /** normCell of the name, description and target (empty for a missing description). */
  get normName(): string {
    if (this._normName === UNREAD) this._normName = normCell(this.indicator.name);
    return this._normName;
  }

  get normDescription(): string {
    if (this._normDescription === UNREAD) this._normDescription = normCell(this.indicator.description ?? '');
    return this._normDescription;
  }

  get normTarget(): string {
    if (this._normTarget === UNREAD) this._normTarget = normCell(this.indicator.target.raw);
    return this._normTarget;
  }

  /** compact of the name and description (empty for a missing description). */
  get compactName(): string {
    if (this._compactName === UNREAD) this._compactName = compact(this.indicator.name);
    return this._compactName;
  }

  get compactDescription(): string {
    if (this._compactDescription === UNREAD) this._compactDescription = compact(this.indicator.description ?? '');
    return this._compactDescription;
  }
}

/** The facts of every row of the projects, by project and row index. */
export function factsOfRows(indicatorsOf: readonly { indicators: readonly Indicator[] }[], ctx: ReviewContext): RowFacts[][] {
  return indicatorsOf.map((p) => p.indicators.map((indicator) => new RowFacts(indicator, ctx)));
}
