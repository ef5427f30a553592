import { beforeAll, describe, expect, it } from 'vitest';
import { projectInputSchema } from '../../src/shared/api/projects';
import type { ParsedDocument } from '../../src/shared/domain/model';
import { reviewDocument } from '../../src/shared/review/engine';
import { reviewAndScore } from '../../src/shared/review/report';
import { editorInput, editorStateOf, move, normalizeInput, parsePercentInput, type EditorState } from '../../src/web/lib/editor-state';
import { liveReview } from '../../src/web/lib/live-review';
import { parseFixtures, type FixtureKey } from '../support/fixtures';

let docs: Record<FixtureKey, ParsedDocument>;
beforeAll(async () => {
  docs = await parseFixtures();
});

/** What the editor would send for a form state, as the server reads it. */
const sent = (state: EditorState) => normalizeInput(editorInput(state).input);

describe('editor state', () => {
  it('an untouched form reads back as the stored project, exactly as the server parses it', () => {
    let n = 0;
    for (const doc of Object.values(docs)) {
      for (const project of doc.projects) {
        const { input, errors } = editorInput(editorStateOf(project));
        expect(errors).toEqual({});
        // normalizeInput mirrors the schema's transforms (the server's view of the request).
        expect(normalizeInput(input)).toEqual(projectInputSchema.parse(input));
        n++;
      }
    }
    expect(n).toBeGreaterThan(10);
  });

  it('reads money in 万元 and percents exactly, and reports what it cannot read', () => {
    const state = editorStateOf(docs.f000.projects[0]!);
    state.total = '1,262.16';
    state.fiscal = '0.000001';
    state.other = '12.3456789';
    state.planMode = 'percent';
    state.plan = { '03': '25', '06': '33.33%', '10': '75.5', '12': '101' };
    const { input, errors } = editorInput(state);
    expect(input.budget).toEqual({ total: 1_262_160_000, fiscal: 1, other: null });
    expect(input.spendingPlan.map((c) => c.percent)).toEqual([25, 33.33, 75.5, null]);
    expect(Object.keys(errors).sort()).toEqual(['budget.other', 'spendingPlan.12']);
    expect(parsePercentInput('')).toBeNull();
    expect(parsePercentInput('12.345')).toBeUndefined();
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('live review', () => {
  it('gives the findings and scores the server-side review gives, for every fixture project', () => {
    let compared = 0;
    for (const doc of Object.values(docs)) {
      const server = reviewAndScore(doc);
      doc.projects.forEach((project, i) => {
        const live = liveReview(doc, i, sent(editorStateOf(project)));
        expect(live.project).toEqual(project);
        expect(live.findings).toEqual(server.findings.filter((f) => f.projectIndex === i));
        expect(live.score).toEqual(server.projectScores[i]);
        compared += live.findings.length;
      });
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('an edit shows up as the findings the server would store for the edited document', () => {
    const doc = docs.f002;
    const i = 0;
    const state = editorStateOf(doc.projects[i]!);
    const quantity = state.indicators.findIndex((r) => r.level2Raw.includes('数量'));
    state.indicators[quantity]!.targetRaw = '显著提高';
    state.name = '';
    // Reordered rows keep their origin: their source locations survive the move.
    state.indicators = move(state.indicators, state.indicators.length - 1, -1);
    const live = liveReview(doc, i, sent(state));
    const saved: ParsedDocument = { ...doc, projects: doc.projects.map((p, k) => (k === i ? live.project : p)) };
    expect(live.findings).toEqual(reviewDocument(saved).filter((f) => f.projectIndex === i));
    expect(live.findings.some((f) => f.category === 'vague' && f.indicatorIndex === quantity)).toBe(true);
    expect(live.findings.some((f) => f.category === 'missing' && f.field === 'name')).toBe(true);
    const original = doc.projects[i]!.indicators;
    expect(live.project.indicators.at(-2)!.source).toEqual(original.at(-1)!.source);
  });
});
