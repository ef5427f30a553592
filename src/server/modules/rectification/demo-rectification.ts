/**
 * Demo data of 整改: items made from the demo's own problems — about a third of the reviewed
 * projects with findings get one (its most severe finding), two in five of the projects whose
 * latest monitoring round shows a yellow or red entry, a quarter of those whose self-evaluation
 * asks for explanations — through the same service as the web app (create, progress with notes
 * and an evidence file, report, confirm), dated over the last months so that the lists look lived
 * in: about a third closed, some reported and awaiting confirmation, the rest open, a third of
 * them overdue (the first always). Deterministic for a seed and a database.
 */
import { addDays, chinaToday, type RectificationSourceKind } from '../../../shared/domain/rectification';
import { Rng } from '../../demo-corpus/generate-corpus';
import { loadMonitoredProjects } from '../../db/monitoring.repository';
import { countRectifications } from '../../db/rectification.repository';
import type { Db } from '../../db/schema';
import { actOnRectification, addEvidenceFiles, createRectification } from './rectification.service';
import { deviationSources, findingSources, selfEvaluationSources, type RectificationSource } from './sources';

const DAY = 86_400_000;
const ACTOR = '演示数据';

export interface DemoRectificationResult {
  items: number;
  closed: number;
  done: number;
  open: number;
  overdue: number;
}

/** The noon (China) of a date, as the instant an action of that day is dated. */
const noonOf = (date: string) => new Date(`${date}T04:00:00.000Z`);

const PROGRESS = ['已召开专题会议研究整改措施，明确责任分工', '已与项目实施单位对接，正在修改相关内容', '整改方案已报单位领导审定，正在落实'];
const DONE = ['已按审核意见修改绩效目标表并经单位党组会审定', '已完成整改，相关制度已印发执行', '已调整支出进度计划并加快资金拨付'];

/** Writes the demo's items; returns how many of each kind of outcome. */
export async function generateDemoRectifications(db: Db, opts: { seed: number; now: Date }): Promise<DemoRectificationResult> {
  const rng = new Rng(opts.seed ^ 0x5eed);
  const today = chinaToday(opts.now);
  const result: DemoRectificationResult = { items: 0, closed: 0, done: 0, open: 0, overdue: 0 };
  // once: a database that has items keeps them
  if (Object.values(await countRectifications(db, {}, today)).some((n) => n > 0)) return result;
  const projects = (await loadMonitoredProjects(db, { currentOnly: true })).filter((p) => p.departmentId !== null);
  const chosen: { projectId: number; source: RectificationSource }[] = [];
  for (const p of projects) {
    const reviewed = p.status !== 'draft';
    const candidates: [RectificationSourceKind, number, () => Promise<RectificationSource[]>][] = [
      ['finding', reviewed ? 0.33 : 0, () => findingSources(db, p.id)],
      ['deviation', 0.4, () => deviationSources(db, p.id)],
      ['self-evaluation', 0.25, () => selfEvaluationSources(db, p.id)],
    ];
    for (const [, chance, load] of candidates) {
      if (chance === 0) continue;
      const sources = await load();
      if (sources.length > 0 && rng.chance(chance)) chosen.push({ projectId: p.id, source: sources[0]! });
    }
  }

  let openSeen = 0;
  for (const { projectId, source } of chosen) {
    const created = addDays(today, -rng.int(20, 120));
    const outcome = rng.next();
    const finished = outcome < 0.45;
    // finished ones: due 2–8 weeks after creation; open ones: every third (the first, the fourth …)
    // overdue, due up to some three weeks ago, the others due within seven weeks: some overdue,
    // never all, whatever the draws (one draw either way, so the draws after stay the same)
    const overdueOpen = !finished && openSeen++ % 3 === 0;
    let deadline = finished ? addDays(created, rng.int(14, 56)) : overdueOpen ? addDays(today, -rng.int(1, 25)) : addDays(today, rng.int(0, 50));
    if (deadline < addDays(created, 7)) deadline = addDays(created, 7);
    const item = await createRectification(
      db,
      { projectId, sourceKind: source.kind, sourceKey: source.key, deadline, requirement: rng.chance(0.5) ? '请对照问题逐项整改，并上传整改佐证材料' : null },
      { actor: ACTOR, now: noonOf(created), allowPastDeadline: true },
    );
    result.items++;
    const editor = { actor: ACTOR, role: 'editor' as const };
    // a later day, but not after yesterday (nor before `from`)
    const step = (from: string, min: number, max: number) => {
      const day = addDays(from, rng.int(min, max));
      const latest = addDays(today, -1);
      return day <= latest ? day : latest >= from ? latest : from;
    };
    let at = created;
    if (finished || outcome < 0.75) {
      at = step(at, 2, 10);
      await actOnRectification(db, item.id, { action: 'progress', note: rng.pick(PROGRESS) }, { ...editor, now: noonOf(at) });
    }
    if (finished) {
      at = step(at, 3, 40);
      const report = rng.pick(DONE);
      await addEvidenceFiles(db, item.id, [{ name: '整改情况说明.txt', bytes: Buffer.from(`整改情况说明\n\n${source.text}\n\n整改情况：${report}。\n`, 'utf8') }], null, { actor: ACTOR, now: noonOf(at) });
      await actOnRectification(db, item.id, { action: 'submit', note: report }, { ...editor, now: noonOf(at) });
      if (outcome < 0.33) {
        at = step(at, 1, 10);
        await actOnRectification(db, item.id, { action: 'confirm', note: '经核实，整改到位' }, { actor: ACTOR, role: 'reviewer', now: noonOf(at) });
        result.closed++;
      } else result.done++;
    } else {
      result.open++;
      if (deadline < today) result.overdue++;
    }
  }
  return result;
}
