/**
 * Form templates (表样, issue 54): which templates read an account's uploads, and the 绩效科's management of them.
 *
 * - A template belongs to a region (the 绩效科's that saved or imported it; null: the installation's) and applies
 *   to the regions below it. An upload is read with the templates of the importer's region and the regions above
 *   it, the nearest first (an editor's region is its department's); a regional 绩效科 also with those of the
 *   regions below it (it imports its counties' documents), after its own.
 * - The 绩效科 (reviewer) lists them (its region's, those above, which it uses and cannot change, and those below),
 *   shows one with the table it was made from, renames and retires its region's and those below, exports them as
 *   a file and imports such a file into its region. Saving a person's corrections as a template at an import's
 *   commit is the 绩效科's too: an editor's corrections read their own upload only. The administrators reach none
 *   of it (the duty check, 三员分立).
 * - One active template per region and header: saving another of the same header retires the one before (the
 *   person read the form anew); importing a file with a header the region has is refused, as a whole.
 * Every change is audited (form-template.create / rename / retire), naming the template and its region.
 */
import { ancestorCodes, isWithin, subtreeRange } from '../../../shared/domain/region';
import { describeHeader, headerRowKey, templateProblem, TEMPLATE_LIMITS, type FormTemplate } from '../../../shared/domain/form-template';
import type { TableGrid } from '../../../shared/domain/table-grid';
import type { SessionUser } from '../../../shared/api/auth';
import {
  FORM_TEMPLATE_FILE_KIND,
  formTemplateBodySchema,
  formTemplateFileSchema,
  type FormTemplateDetail,
  type FormTemplateFile,
  type FormTemplateItem,
} from '../../../shared/api/form-templates';
import { tableGridSchema } from '../../../shared/api/imports';
import { insertAuditEntry, type ActorInput } from '../../db/document.repository';
import {
  findActiveBySignature,
  findFormTemplate,
  insertFormTemplate,
  listFormTemplates,
  listFormTemplatesUnder,
  updateFormTemplate,
  type StoredFormTemplate,
} from '../../db/form-template.repository';
import { findDepartmentRegion, findRegion, regionNames } from '../../db/region.repository';
import type { Db } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { cleanText } from '../../../shared/domain/clean-text';
import { AppError, zhLocaleError } from '../../app/errors';
import { actorOf, regionScope } from '../../app/auth';

const INSTALLATION = '全辖区';

/** The region an account's templates are of: a regional account's, an editor's department's; null: the whole installation. */
async function regionOf(db: Db, user: SessionUser): Promise<string | null> {
  if (user.role === 'editor' || user.role === 'supervisor') {
    if (user.departmentId === null) return null;
    return (await findDepartmentRegion(db, user.departmentId))?.regionCode ?? null;
  }
  return regionScope(user) ?? user.regionCode ?? null;
}

/** A template's body as stored, checked again (a template is data: one that no longer passes is left out, never read). */
function bodyOf(row: StoredFormTemplate): FormTemplate | null {
  try {
    const parsed = formTemplateBodySchema.safeParse(JSON.parse(row.body));
    return parsed.success ? { ...(parsed.data as FormTemplate), id: row.id, name: row.name } : null;
  } catch {
    return null;
  }
}

/** The regions above `region` and itself, the nearest first, then the installation's. */
const upward = (region: string | null): (string | null)[] => (region === null ? [null] : [region, ...ancestorCodes(region).reverse(), null]);

/**
 * The templates an account's uploads are read with, in order of preference: its region's, then each region above
 * it, then the installation's; for the 绩效科, then those of the regions below it (all of them for an account of
 * the whole installation).
 */
export async function templatesForReading(db: Db, user: SessionUser | 'cli'): Promise<FormTemplate[]> {
  if (user === 'cli') return (await listFormTemplates(db, { regions: null })).sort((a, b) => (a.regionCode === null ? 0 : 1) - (b.regionCode === null ? 0 : 1) || b.id - a.id).flatMap((r) => bodyOf(r) ?? []);
  const region = await regionOf(db, user);
  const up = upward(region);
  const rows = await listFormTemplates(db, { regions: up });
  const rank = (r: StoredFormTemplate) => up.indexOf(r.regionCode);
  const ordered = [...rows].sort((a, b) => rank(a) - rank(b) || b.id - a.id);
  if (user.role === 'reviewer') {
    const below = region === null ? await listFormTemplates(db, { regions: null }) : await listFormTemplatesUnder(db, subtreeRange(region).lo, subtreeRange(region).hi);
    for (const r of below) if (!ordered.some((o) => o.id === r.id)) ordered.push(r);
  }
  return ordered.flatMap((r) => bodyOf(r) ?? []);
}

/** Whether the 绩效科 `region` (null: the installation's) may change a template of `of`. */
const manages = (region: string | null, of: string | null) => region === null || (of !== null && isWithin(of, region));
/** Whether it sees one: its own region's and below, and those above it. */
const sees = (region: string | null, of: string | null) => manages(region, of) || upward(region).includes(of);

function assertReviewer(user: SessionUser): void {
  if (user.role !== 'reviewer') throw new AppError(403, 'forbidden', '表样由财政局绩效科管理');
}

/** Who keeps a template made or imported: a 绩效科's account (its region), or the operator's command line (a region it names). */
export interface Keeper {
  region: string | null;
  actor: ActorInput;
  username: string;
  name: string;
}

/** The 绩效科 account as a keeper of templates (403 for any other account). */
async function keeperOf(db: Db, user: SessionUser): Promise<Keeper> {
  assertReviewer(user);
  return { region: await regionOf(db, user), actor: actorOf(user), username: user.username, name: user.displayName };
}

/** The command line as a keeper: the installation's templates, or a region's. */
export const cliKeeper = (region: string | null): Keeper => ({ region, actor: 'cli', username: 'cli', name: '命令行' });

async function itemsOf(db: Db, rows: readonly StoredFormTemplate[], region: string | null): Promise<FormTemplateItem[]> {
  const names = await regionNames(db, [...new Set(rows.flatMap((r) => (r.regionCode === null ? [] : [r.regionCode])))]);
  return rows.map((r) => {
    const body = bodyOf(r);
    return {
      id: r.id,
      name: r.name,
      regionCode: r.regionCode,
      regionName: r.regionCode === null ? INSTALLATION : (names.get(r.regionCode) ?? r.regionCode),
      status: r.status,
      header: body === null ? '（表样内容无法读取）' : describeHeader(body.header),
      columnCount: body?.columns.length ?? 0,
      ruleCount: body === null ? 0 : body.rows.length + body.labels.length + (body.nameFromHeading === null ? 0 : 1),
      createdAt: r.createdAt,
      createdBy: `${r.createdByName}（${r.createdByUsername}）`,
      updatedAt: r.updatedAt,
      manageable: manages(region, r.regionCode),
    };
  });
}

/** The templates a 绩效科 sees: those above its region (used, not changed), its own and those below, retired ones too. */
export async function listTemplates(db: Db, by: SessionUser | 'cli'): Promise<FormTemplateItem[]> {
  const region = by === 'cli' ? null : (await keeperOf(db, by)).region;
  const all = await listFormTemplates(db, { regions: null, retired: true });
  return itemsOf(db, all.filter((r) => sees(region, r.regionCode)), region);
}

async function visible(db: Db, by: SessionUser | 'cli', id: number): Promise<{ row: StoredFormTemplate; region: string | null }> {
  const region = by === 'cli' ? null : (await keeperOf(db, by)).region;
  const row = await findFormTemplate(db, id);
  if (row === undefined || !sees(region, row.regionCode)) throw new AppError(404, 'not-found', '未找到该表样');
  return { row, region };
}

export async function showTemplate(db: Db, by: SessionUser | 'cli', id: number): Promise<FormTemplateDetail> {
  const { row, region } = await visible(db, by, id);
  const body = bodyOf(row);
  if (body === null) throw new AppError(409, 'conflict', `表样“${row.name}”的内容无法读取，请停用后重新保存`);
  const example = row.example === null ? null : tableGridSchema.safeParse(JSON.parse(row.example));
  const { id: _id, ...template } = body;
  return { ...(await itemsOf(db, [row], region))[0]!, template, example: example?.success ? example.data : null };
}

async function managed(db: Db, user: SessionUser, id: number): Promise<StoredFormTemplate> {
  const { row, region } = await visible(db, user, id);
  if (!manages(region, row.regionCode)) throw new AppError(403, 'forbidden', `表样“${row.name}”属于上级区划，只能由其绩效科修改`);
  return row;
}

async function regionName(db: Db, code: string | null): Promise<string> {
  return code === null ? INSTALLATION : ((await regionNames(db, [code])).get(code) ?? code);
}

interface Opts {
  now: Date;
}

export async function renameTemplate(db: Db, user: SessionUser, id: number, name: string, opts: Opts): Promise<FormTemplateDetail> {
  await inTransaction(db, async (trx) => {
    const row = await managed(trx, user, id);
    if (row.name === name) return;
    const body = JSON.parse(row.body) as FormTemplate;
    await updateFormTemplate(trx, id, { name, body: JSON.stringify({ ...body, name }), updatedAt: opts.now.toISOString() });
    await audit(trx, actorOf(user), opts.now, 'form-template.rename', id, { from: row.name, to: name, region: await regionName(trx, row.regionCode) });
  });
  return showTemplate(db, user, id);
}

export async function retireTemplate(db: Db, user: SessionUser, id: number, opts: Opts): Promise<FormTemplateDetail> {
  await inTransaction(db, async (trx) => {
    const row = await managed(trx, user, id);
    if (row.status === 'retired') return;
    await updateFormTemplate(trx, id, { status: 'retired', updatedAt: opts.now.toISOString() });
    await audit(trx, actorOf(user), opts.now, 'form-template.retire', id, { name: row.name, region: await regionName(trx, row.regionCode) });
  });
  return showTemplate(db, user, id);
}

type TemplateAudit = 'form-template.create' | 'form-template.rename' | 'form-template.retire';

async function audit(db: Db, actor: ActorInput, now: Date, action: TemplateAudit, id: number, detail: Record<string, unknown>): Promise<void> {
  await insertAuditEntry(db, { at: now.toISOString(), actor, action, entity: 'form-template', entityId: id, detail });
}

/** A header's signature: its rows' texts as one key. */
export const signatureOf = (t: Pick<FormTemplate, 'header'>) => t.header.map(headerRowKey).join('\u0002');

/**
 * Stores a template in the account's region (inside the caller's transaction). `replace`: an active template of
 * the same header in that region is retired for it (a person read the form anew); otherwise 409.
 */
export async function storeTemplate(
  db: Db,
  by: SessionUser | Keeper,
  template: FormTemplate,
  opts: Opts & { example: TableGrid | null; source: 'preview' | 'file'; replace: boolean },
): Promise<number> {
  const keeper = 'actor' in by ? by : await keeperOf(db, by);
  // its name without bidirectional controls and zero-width characters (issue 72), from a file or a preview alike
  const name = cleanText(template.name).text.trim();
  if (name === '') throw new AppError(400, 'validation', '请填写表样名称');
  template = { ...template, name };
  const problem = templateProblem(template);
  if (problem !== null) throw new AppError(400, 'validation', `表样“${template.name}”有误：${problem}`);
  const region = keeper.region;
  const where = await regionName(db, region);
  const signature = signatureOf(template);
  const before = await findActiveBySignature(db, region, signature);
  const at = opts.now.toISOString();
  if (before !== undefined) {
    if (!opts.replace) throw new AppError(409, 'conflict', `${where}已有表头相同的表样“${before.name}”：请先停用它，或改在导入预览中重新保存`);
    await updateFormTemplate(db, before.id, { status: 'retired', updatedAt: at });
    await audit(db, keeper.actor, opts.now, 'form-template.retire', before.id, { name: before.name, region: where, replacedBy: template.name });
  }
  const { id: _id, ...body } = template;
  const id = await insertFormTemplate(db, {
    name: template.name,
    regionCode: region,
    signature,
    body: JSON.stringify(body),
    example: opts.example === null ? null : JSON.stringify(opts.example),
    status: 'active',
    createdAt: at,
    createdByUsername: keeper.username,
    createdByName: keeper.name,
    updatedAt: at,
  });
  await audit(db, keeper.actor, opts.now, 'form-template.create', id, {
    name: template.name,
    region: where,
    header: describeHeader(template.header),
    source: opts.source === 'file' ? '表样文件' : '导入预览中的更正',
  });
  return id;
}

/**
 * The templates to export (all the active ones the account sees, or those named; the command line: every one), as
 * `jixiao forms import` and the import route take them back (issue 72: an export could hold what an import refuses):
 * one template per header — of several regions' templates with the same header, the account's own region's, then the
 * region first in code order, then the newest —, and whatever the limits of a file allow.
 */
async function templatesToExport(db: Db, by: SessionUser | 'cli', ids: readonly number[] | null): Promise<{ templates: FormTemplateFile['templates']; sameHeader: number }> {
  const region = by === 'cli' ? null : (await keeperOf(db, by)).region;
  const rows = (await listFormTemplates(db, { regions: null }))
    .filter((r) => sees(region, r.regionCode) && (ids === null || ids.includes(r.id)))
    .sort((a, b) => (a.regionCode === region ? 0 : 1) - (b.regionCode === region ? 0 : 1) || (a.regionCode ?? '').localeCompare(b.regionCode ?? '') || b.id - a.id);
  const headers = new Set<string>();
  const templates: FormTemplateFile['templates'] = [];
  let sameHeader = 0;
  for (const r of rows) {
    const body = bodyOf(r);
    if (body === null) continue;
    const signature = signatureOf(body);
    if (headers.has(signature)) {
      sameHeader++;
      continue;
    }
    headers.add(signature);
    const { id: _id, ...rest } = body;
    templates.push(rest);
  }
  if (templates.length === 0) throw new AppError(404, 'not-found', '没有可导出的表样');
  return { templates, sameHeader };
}

/** The templates as one file (the route): more than a file holds is refused, asking for a choice. */
export async function exportTemplates(db: Db, by: SessionUser | 'cli', ids: readonly number[] | null): Promise<FormTemplateFile> {
  const { templates } = await templatesToExport(db, by, ids);
  if (templates.length > TEMPLATE_LIMITS.perFile) {
    throw new AppError(400, 'validation', `可导出的表样有 ${templates.length} 个，一个表样文件最多 ${TEMPLATE_LIMITS.perFile} 个：请在列表中选择要导出的表样（每次不超过 ${TEMPLATE_LIMITS.perFile} 个）`);
  }
  return { kind: FORM_TEMPLATE_FILE_KIND, version: 1, templates };
}

/**
 * The templates as files of at most TEMPLATE_LIMITS.perFile each (the command line), every one a file `forms import`
 * takes; `sameHeader`: the templates left out for another of the same header.
 */
export async function exportTemplateFiles(db: Db, by: SessionUser | 'cli'): Promise<{ files: FormTemplateFile[]; sameHeader: number }> {
  const { templates, sameHeader } = await templatesToExport(db, by, null);
  const files: FormTemplateFile[] = [];
  for (let at = 0; at < templates.length; at += TEMPLATE_LIMITS.perFile) files.push({ kind: FORM_TEMPLATE_FILE_KIND, version: 1, templates: templates.slice(at, at + TEMPLATE_LIMITS.perFile) });
  return { files, sameHeader };
}

/** Why a file of templates is refused, in words naming the template and the place; null when it is a good one. */
export function fileProblem(value: unknown): { file: FormTemplateFile } | { problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: '不是 Jixiao 表样文件（应为导出的 JSON 对象）' };
  const parsed = formTemplateFileSchema.safeParse(value, { error: zhLocaleError });
  if (parsed.success) {
    const seen = new Map<string, string>();
    for (const t of parsed.data.templates) {
      const s = signatureOf(t);
      const other = seen.get(s);
      if (other !== undefined) return { problem: `表样“${t.name}”与“${other}”的表头相同，一个文件中同一表头只能有一个表样` };
      seen.set(s, t.name);
    }
    return { file: parsed.data };
  }
  const issue = parsed.error.issues[0]!;
  const path = issue.path;
  const at = path[0] === 'templates' && typeof path[1] === 'number' ? `第 ${path[1] + 1} 个表样` : '';
  const field = path.slice(at === '' ? 0 : 2).join('.');
  return { problem: `${at}${field === '' ? '' : `（${field}）`}${at === '' && field === '' ? '' : '：'}${issue.message}` };
}

/** Imports a file of templates into the 绩效科's region, all or none (a header its region has refuses the file). */
export async function importTemplates(db: Db, by: SessionUser | Keeper, value: unknown, opts: Opts): Promise<FormTemplateItem[]> {
  const keeper = 'actor' in by ? by : await keeperOf(db, by);
  const checked = fileProblem(value);
  if ('problem' in checked) throw new AppError(400, 'validation', `表样文件有误：${checked.problem}`);
  // the command line names a region: one the region table has (issue 72: an unknown one was taken, its templates
  // then applied to no region anybody works in)
  if (keeper.region !== null && (await findRegion(db, keeper.region)) === undefined) {
    throw new AppError(400, 'validation', `区划 ${keeper.region} 不在区划表中（先用 jixiao regions import 导入区划），表样未导入`);
  }
  const ids = await inTransaction(db, async (trx) => {
    const out: number[] = [];
    for (const t of checked.file.templates) out.push(await storeTemplate(trx, keeper, t as FormTemplate, { ...opts, example: null, source: 'file', replace: false }));
    return out;
  });
  const region = keeper.region;
  const rows = await Promise.all(ids.map((id) => findFormTemplate(db, id)));
  return itemsOf(db, rows.filter((r): r is StoredFormTemplate => r !== undefined), region);
}
