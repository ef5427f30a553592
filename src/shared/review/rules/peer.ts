/**
 * peer.far-from-peers — a rate target far from what similar projects promise (适当性), e.g. a
 * satisfaction "≥80%" where the peers' median is 95%.
 *
 * Not one of RULES: its findings depend on the other stored documents (the indicator library), not
 * on the document alone, so the stored review (one document, deterministic) does not hold them.
 * The server runs it beside the review with the peer figures passed in (peerFindings); severity
 * info, never counted in a score.
 *
 * When it fires (thresholds as data below): the indicator is quantitative in a rate unit (% or ‰:
 * counts and money depend on a project's size, rates do not), it has at least PEER_MIN_PEERS
 * peers' targets in that unit (its own left out), its number lies outside the peers'
 * interquartile range and at least PEER_MIN_GAP of the median away from the median.
 */
import type { Indicator, ParsedDocument, Project } from '../../domain/model';
import type { PeerFigures } from '../../library/library';
import type { Finding } from '../types';

export const PEER_RULE_ID = 'peer.far-from-peers';

/** Fewer peers than this say nothing. */
export const PEER_MIN_PEERS = 5;
/** The smallest distance from the median that counts, as a share of the median. */
export const PEER_MIN_GAP = 0.1;
/** Units whose targets compare across projects. */
export const PEER_UNITS: readonly string[] = ['%', '‰'];

/** The peer figures of one indicator of the document (null: none). */
export type PeersOf = (indicator: Indicator, project: Project, projectIndex: number, indicatorIndex: number) => PeerFigures | null;

function fmt(n: number): string {
  return String(n);
}

/** The hit for one indicator, or null. */
export function peerHit(indicator: Indicator, peers: PeerFigures | null): { message: string; suggestion: string } | null {
  const t = indicator.target;
  if (peers === null || t.kind !== 'quantitative' || t.value === null || t.unit === null) return null;
  if (!PEER_UNITS.includes(t.unit) || peers.unit !== t.unit) return null;
  const d = peers.target;
  if (d.count < PEER_MIN_PEERS) return null;
  const gap = Math.abs(t.value - d.median);
  if (gap < Math.abs(d.median) * PEER_MIN_GAP) return null;
  const below = t.value < d.p25;
  const above = t.value > d.p75;
  if (!below && !above) return null;
  const figures = `${d.count} 个同类项目的指标值中位数为 ${fmt(d.median)}${t.unit}（四分位 ${fmt(d.p25)}${t.unit}–${fmt(d.p75)}${t.unit}，最低 ${fmt(d.min)}${t.unit}，最高 ${fmt(d.max)}${t.unit}）`;
  return {
    message: `指标“${indicator.name.trim()}”的指标值“${t.raw}”${below ? '明显低于' : '明显高于'}同类项目：${figures}`,
    suggestion: below
      ? `参照同类项目设定不低于 ${fmt(d.p25)}${t.unit} 的目标，或在指标值确定依据中说明为何较低`
      : `核实指标值能否实现，或在指标值确定依据中说明为何高于同类项目`,
  };
}

/**
 * The peer findings of a document: one info finding per indicator far from its peers, in
 * document order, shaped as the review's findings.
 */
export function peerFindings(doc: Pick<ParsedDocument, 'projects'>, peersOf: PeersOf): Finding[] {
  const out: Finding[] = [];
  doc.projects.forEach((project, p) => {
    project.indicators.forEach((indicator, i) => {
      const hit = peerHit(indicator, peersOf(indicator, project, p, i));
      if (hit === null) return;
      out.push({
        rule: PEER_RULE_ID,
        category: 'vague',
        severity: 'info',
        criterion: '适当性',
        projectIndex: p,
        project: project.name,
        indicatorIndex: i,
        indicator: indicator.name,
        field: 'target',
        source: indicator.sources.target ?? indicator.source,
        message: hit.message,
        suggestion: hit.suggestion,
      });
    });
  });
  return out;
}
