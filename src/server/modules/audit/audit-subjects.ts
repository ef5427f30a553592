/**
 * The audit log as a person reads it (issue 58): each entry names what it is about — the project,
 * the 整改事项 with its project and problem, the unit, the file, the account, the stage, the region —
 * by its name, never by a table's name and an id; and the indicators its details refer to by id
 * (execution records, self-evaluations) come with their names, for shared/audit/history.ts.
 */
import { stageTitle, type StageKind } from '../../../shared/domain/stages';
import { auditObjects, type AuditObjects } from '../../db/audit.repository';
import type { StoredAuditEntry } from '../../db/document.repository';
import type { Db } from '../../db/schema';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The indicator ids a detail refers to: the keys of its `indicators` maps (itself, before and after). */
function indicatorIdsOf(detail: Rec): number[] {
  const maps = [detail.indicators, isRecord(detail.before) ? detail.before.indicators : undefined, isRecord(detail.after) ? detail.after.indicators : undefined];
  return maps.flatMap((m) => (isRecord(m) ? Object.keys(m).filter((k) => /^\d+$/.test(k)).map(Number) : []));
}

/** The region codes a detail names. */
function regionCodesOf(detail: Rec): string[] {
  return [detail.code, detail.regionCode].filter((c): c is string => typeof c === 'string' && /^\d{6}$/.test(c));
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** What an entry is about, in words. */
function subjectOf(e: Pick<StoredAuditEntry, 'entity' | 'entityId' | 'detail'>, o: AuditObjects): string {
  const id = e.entityId;
  const d = isRecord(e.detail) ? e.detail : {};
  switch (e.entity) {
    case 'project': {
      const p = id === null ? undefined : o.projects.get(id);
      return p === undefined ? '项目（已不存在）' : `项目“${p.name}”${p.departmentName ? `（${p.departmentName}）` : ''}`;
    }
    case 'rectification_item': {
      const r = id === null ? undefined : o.rectifications.get(id);
      const item = isRecord(d.item) ? d.item : d;
      const problem = r?.sourceText ?? text(item.sourceText);
      return `整改事项${r ? `（项目“${r.projectName}”）` : ''}${problem ? `：${cut(problem, 40)}` : ''}`;
    }
    case 'department': {
      const name = (id === null ? undefined : o.departments.get(id)) ?? text(d.name);
      return name === null ? '单位' : `单位“${name}”`;
    }
    case 'document': {
      const name = (id === null ? undefined : o.documents.get(id)) ?? text(d.file);
      return name === null ? '文件' : `文件“${name}”`;
    }
    case 'user': {
      const u = id === null ? undefined : o.users.get(id);
      if (u !== undefined) return `账号“${u.displayName}（${u.username}）”`;
      const username = text(d.username);
      return username === null ? '账号' : `账号“${username}”`;
    }
    case 'section': {
      const name = (id === null ? undefined : o.sections.get(id)) ?? text(d.name) ?? text(d.to);
      return name === null ? '财政业务科室' : `财政业务科室“${name}”`;
    }
    case 'stage': {
      const s = id === null ? undefined : o.stages.get(id);
      const title = s === undefined ? text(d.title) : stageTitle({ ...s, kind: s.kind as StageKind });
      return title === null ? '工作阶段' : `工作阶段“${title}”`;
    }
    case 'region': {
      const code = regionCodesOf(d)[0];
      const name = (code === undefined ? undefined : o.regions.get(code)) ?? text(d.name);
      return name === null ? '区划' : `区划“${name}”`;
    }
    case 'form-template': {
      const name = text(d.name) ?? text(d.to);
      return name === null ? '表样' : `表样“${name}”`;
    }
    case 'submitted_self_evaluation': {
      const project = text(d.project);
      return project === null ? '报送的自评表' : `报送的自评表（项目“${project}”）`;
    }
    case 'database':
      return '数据库';
    case 'security-policy':
      return '安全策略';
    default:
      return '系统';
  }
}

export type Described<E> = E & { subject: string; indicatorNames: Record<string, string> };

/** Entries described with one set of queries: their ids and indicator ids stay far below a statement's bound parameters. */
const CHUNK = 200;

/** The entries with what each is about and the names of the indicators it refers to (an export's in chunks). */
export async function describeAuditEntries<E extends StoredAuditEntry>(db: Db, items: readonly E[]): Promise<Described<E>[]> {
  const described: Described<E>[] = [];
  for (let i = 0; i < items.length; i += CHUNK) described.push(...(await describeChunk(db, items.slice(i, i + CHUNK))));
  return described;
}

async function describeChunk<E extends StoredAuditEntry>(db: Db, items: readonly E[]): Promise<Described<E>[]> {
  const byEntity = new Map<string, number[]>();
  for (const e of items) if (e.entityId !== null) byEntity.set(e.entity, [...(byEntity.get(e.entity) ?? []), e.entityId]);
  const details = items.map((e) => (isRecord(e.detail) ? e.detail : {}));
  const objects = await auditObjects(
    db,
    [...byEntity].map(([entity, ids]) => ({ entity, ids })),
    details.flatMap(indicatorIdsOf),
    details.flatMap(regionCodesOf),
  );
  return items.map((e, i) => ({
    ...e,
    subject: subjectOf(e, objects),
    indicatorNames: Object.fromEntries(indicatorIdsOf(details[i]!).flatMap((id) => (objects.indicators.has(id) ? [[String(id), objects.indicators.get(id)!]] : []))),
  }));
}
