/**
 * A document's form (表样): which header fields and which indicator columns the form that a table
 * was filled in has, and under which names. Budget units across the country fill in different
 * forms; the review judges a table against its own form (issue 30): a field the form does not have
 * is never "missing".
 *
 * The parser records a profile for every project table it reads (`Project.form`). A project with no
 * profile (made in Jixiao's editor, or read from Jixiao's own workbook) was made on Jixiao's own
 * official table, which has every field: `formOf` answers OFFICIAL_FORM for it. Pure: shared by the
 * importer, the review, the server and the browser.
 */

/** A header field of a project's form that the review may ask for. */
export type FormFieldRole =
  | 'code'
  | 'name'
  | 'department'
  | 'total'
  | 'fiscal'
  | 'other'
  | 'purpose'
  | 'spendingPlan'
  | 'goals'
  | 'longTermGoals'
  | 'projectTotal';

/** An indicator column of a form, by what it holds. */
/** The split-target parts (operator, value, unit), nature and weight are the columns of 一体化 disclosure tables (issue 37). */
export type FormColumnRole = 'level1' | 'level2' | 'name' | 'description' | 'target' | 'basis' | 'operator' | 'value' | 'unit' | 'nature' | 'weight';

export interface FormProfile {
  /** The form's name for people, e.g. "项目绩效目标表", "项目支出绩效目标申报表", "转移支付区域绩效目标表". */
  name: string;
  /**
   * The header fields the form has (its label is on the form, filled in or not), each with the label as
   * written, e.g. { total: "年度资金申请总额", fiscal: "当年财政拨款" }. A role absent here is a field the form lacks.
   */
  fields: Partial<Record<FormFieldRole, string>>;
  /**
   * The indicator columns the form has, each with its header as written, e.g. { basis: "绩效标准" }. The basis may
   * come from a note inside another column: { basis: "指标解释（计划标准）" }.
   */
  columns: Partial<Record<FormColumnRole, string>>;
  /** Headers of further indicator columns the form has and the model holds as extras (备注, 评（扣）分标准 …), as written. */
  extraColumns: string[];
}

/** The table Jixiao itself makes and exports (the published 项目绩效目标表 of the official template): every field. */
export const OFFICIAL_FORM: FormProfile = Object.freeze({
  name: '项目绩效目标表',
  fields: Object.freeze({
    code: '项目编码',
    name: '项目名称',
    department: '单位名称',
    total: '预算数',
    fiscal: '财政资金',
    other: '其他资金',
    purpose: '资金用途',
    spendingPlan: '资金支出计划',
    goals: '绩效目标',
  }),
  columns: Object.freeze({
    level1: '一级指标',
    level2: '二级指标',
    name: '三级指标',
    description: '绩效指标描述',
    target: '指标值',
    basis: '指标值确定依据',
  }),
  extraColumns: Object.freeze([]) as unknown as string[],
}) as FormProfile;

/** The form a project was filled in: its own profile, else Jixiao's official table. */
export function formOf(project: { form?: FormProfile | null }): FormProfile {
  return project.form ?? OFFICIAL_FORM;
}

/** Whether the project's form has this header field. */
export function formHasField(project: { form?: FormProfile | null }, field: FormFieldRole): boolean {
  return formOf(project).fields[field] !== undefined;
}

/** Whether the project's form has this indicator column. */
export function formHasColumn(project: { form?: FormProfile | null }, role: FormColumnRole): boolean {
  return formOf(project).columns[role] !== undefined;
}

/** Header fields in the order a form is read (the whole project's money before the year's). */
const FIELD_ORDER: readonly FormFieldRole[] = ['code', 'name', 'department', 'projectTotal', 'total', 'fiscal', 'other', 'purpose', 'spendingPlan', 'longTermGoals', 'goals'];
const COLUMN_ORDER: readonly FormColumnRole[] = ['level1', 'level2', 'name', 'description', 'target', 'operator', 'value', 'unit', 'nature', 'weight', 'basis'];

/** What a header field is called on Jixiao's official table, for saying that a form lacks it. */
const FIELD_NAMES = { ...OFFICIAL_FORM.fields, longTermGoals: '中长期目标', projectTotal: '项目资金总额' } as Readonly<Record<FormFieldRole, string>>;
const COLUMN_NAMES = {
  ...OFFICIAL_FORM.columns,
  operator: '运算符',
  value: '数值',
  unit: '计量单位',
  nature: '指标性质',
  weight: '分值',
} as Readonly<Record<FormColumnRole, string>>;
/** The columns of Jixiao's official table: the only ones a form can be said to lack. */
const CORE_COLUMNS: readonly FormColumnRole[] = ['level1', 'level2', 'name', 'description', 'target', 'basis'];

/**
 * The form in one line for people (the project and department pages), labels as the form writes them:
 * "表样：项目支出绩效目标申报表，含项目编码、项目名称、年度资金申请总额、当年财政拨款……栏；指标表含一级指标、
 * 二级指标、三级指标、年度指标值、绩效标准栏，另有备注栏；表中无资金用途、资金支出计划栏".
 * What the form lacks is named against Jixiao's official table (中长期目标 and 项目资金总额 are never missing).
 */
export function describeForm(profile: FormProfile): string {
  const fields = FIELD_ORDER.map((r) => profile.fields[r]).filter((l): l is string => l !== undefined);
  const columns = COLUMN_ORDER.map((r) => profile.columns[r]).filter((l): l is string => l !== undefined);
  // A column read as a field under another name (绩效标准 as the basis) is named once.
  const extras = profile.extraColumns.filter((h) => !columns.includes(h));
  const parts = [`表样：${profile.name}`];
  if (fields.length > 0) parts.push(`含${fields.join('、')}栏`);
  let line = parts.join('，');
  const tail: string[] = [];
  if (columns.length > 0 || extras.length > 0) {
    let table = columns.length > 0 ? `指标表含${columns.join('、')}栏` : '指标表';
    if (extras.length > 0) table += `${columns.length > 0 ? '，另有' : '有'}${extras.join('、')}栏`;
    tail.push(table);
  }
  const lacking = [
    ...FIELD_ORDER.filter((r) => r !== 'longTermGoals' && r !== 'projectTotal' && !(r === 'goals' && profile.fields.longTermGoals !== undefined) && profile.fields[r] === undefined).map((r) => FIELD_NAMES[r]),
    ...CORE_COLUMNS.filter((r) => profile.columns[r] === undefined).map((r) => COLUMN_NAMES[r]),
  ];
  if (lacking.length > 0) tail.push(`表中无${lacking.join('、')}栏`);
  if (tail.length > 0) line += `；${tail.join('；')}`;
  return line;
}
