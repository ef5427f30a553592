/**
 * Form templates' API (表样, issue 54): the 绩效科 of a region lists, shows, renames, retires, exports and imports
 * them; the import preview re-reads a file with a person's corrections and saves them as a template at the commit.
 * A template from a file or a browser is data, checked here within TEMPLATE_LIMITS and by templateProblem.
 */
import { z } from 'zod';
import {
  TEMPLATE_COLUMN_ROLES,
  TEMPLATE_LABEL_FIELDS,
  TEMPLATE_LIMITS,
  TEMPLATE_ROW_KINDS,
  templateProblem,
  type FormTemplate,
} from '../domain/form-template';
import { cleanText } from '../domain/clean-text';
import { tableGridSchema } from './table-grid';

const text = (label: string, max: number = TEMPLATE_LIMITS.text) => z.string().max(max, `${label}不能超过 ${max} 个字`);
/**
 * A template's name, without bidirectional controls and zero-width characters (issue 72: a name with U+202E showed
 * reversed, two names that looked alike were not), trimmed, not empty.
 */
const templateName = () =>
  text('表样名称', TEMPLATE_LIMITS.name)
    .transform((s) => cleanText(s).text.trim())
    .pipe(z.string().min(1, '请填写表样名称'));

/** A form template's body, as a file or the browser gives it (its shape and limits; templateProblem for the rest). */
export const formTemplateBodySchema = z
  .object({
    name: text('表样名称', TEMPLATE_LIMITS.name).trim().min(1, '请填写表样名称'),
    header: z
      .array(z.array(text('表头文字')).max(TEMPLATE_LIMITS.cells, `表头每行最多 ${TEMPLATE_LIMITS.cells} 个单元格`))
      .min(1, '表样没有指标表头')
      .max(TEMPLATE_LIMITS.headerRows, `指标表头最多 ${TEMPLATE_LIMITS.headerRows} 行`),
    columns: z
      .array(z.object({ path: z.array(text('列名')).min(1).max(TEMPLATE_LIMITS.headerRows), role: z.enum(TEMPLATE_COLUMN_ROLES) }).strict())
      .max(TEMPLATE_LIMITS.columns, `表样最多 ${TEMPLATE_LIMITS.columns} 列`),
    rows: z.array(z.object({ text: text('行首文字').min(1), kind: z.enum(TEMPLATE_ROW_KINDS) }).strict()).max(TEMPLATE_LIMITS.rules, `表样最多 ${TEMPLATE_LIMITS.rules} 条行设置`),
    labels: z.array(z.object({ text: text('栏目名称').min(1), field: z.enum(TEMPLATE_LABEL_FIELDS) }).strict()).max(TEMPLATE_LIMITS.rules, `表样最多 ${TEMPLATE_LIMITS.rules} 个栏目设置`),
    nameFromHeading: z.object({ prefix: text('标题前缀'), suffix: text('标题后缀') }).strict().nullable(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const problem = templateProblem(t as FormTemplate);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A file of templates (jixiao forms export, GET /api/form-templates/export). */
export const FORM_TEMPLATE_FILE_KIND = 'jixiao-form-templates';
export const formTemplateFileSchema = z
  .object({
    kind: z.literal(FORM_TEMPLATE_FILE_KIND, { message: '不是 Jixiao 表样文件（kind 应为 jixiao-form-templates）' }),
    version: z.literal(1, { message: '表样文件版本不受支持（应为 1）' }),
    templates: z.array(formTemplateBodySchema).min(1, '表样文件中没有表样').max(TEMPLATE_LIMITS.perFile, `一个文件最多 ${TEMPLATE_LIMITS.perFile} 个表样`),
  })
  .strict();
export type FormTemplateFile = z.infer<typeof formTemplateFileSchema>;

export const FORM_TEMPLATE_STATUSES = ['active', 'retired'] as const;
export const FORM_TEMPLATE_STATUS_LABELS = { active: '使用中', retired: '已停用' } as const;

/** A stored template as listed. */
export const formTemplateItemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  regionCode: z.string().nullable(),
  /** The region's name (全辖区 for the installation's). */
  regionName: z.string(),
  status: z.enum(FORM_TEMPLATE_STATUSES),
  /** Its header in words (一级指标 | 二级指标 … / 全年 | 上半年). */
  header: z.string(),
  columnCount: z.number().int(),
  ruleCount: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  /** Whether this account may rename and retire it (its region is the account's or below). */
  manageable: z.boolean(),
});
export type FormTemplateItem = z.infer<typeof formTemplateItemSchema>;

export const formTemplateListSchema = z.object({ items: z.array(formTemplateItemSchema) });
export type FormTemplateList = z.infer<typeof formTemplateListSchema>;

export const formTemplateDetailSchema = formTemplateItemSchema.extend({
  template: formTemplateBodySchema,
  /** The table it was made from, as the preview showed it; null for one imported from a file. */
  example: tableGridSchema.nullable(),
});
export type FormTemplateDetail = z.infer<typeof formTemplateDetailSchema>;

export const formTemplateRenameSchema = z.object({ name: templateName() }).strict();

export const formTemplateImportResponseSchema = z.object({ created: z.array(formTemplateItemSchema) });
