/**
 * 第一部分 部门整体绩效目标: the overall goal, the numbered sub-goals (分项绩效目标, each maybe with its
 * own "绩效目标：" and "绩效指标：" paragraphs) and the measures (工作保障措施).
 */
import type { DepartmentGoals, GoalItem, SourceLocation } from '../../../shared/domain/model';
import { splitNumbering, stripBookmarks } from '../../../shared/domain/text';
import type { SectionName } from '../headings';

export interface Line {
  text: string;
  source: SourceLocation;
}

export function readDepartmentGoals(sections: Record<SectionName, Line[]>): DepartmentGoals {
  const overallLines = sections.overall
    .map((l) => ({ ...l, text: stripBookmarks(l.text).text.trim() }))
    .filter((l) => l.text !== '');
  return {
    overall: overallLines.length ? overallLines.map((l) => l.text).join('\n') : null,
    overallSource: overallLines[0]?.source ?? null,
    subGoals: readGoalItems(sections.subGoals),
    measures: readGoalItems(sections.measures),
  };
}

const appendText = (a: string | null, b: string) => (a ? `${a}\n${b}` : b);

/**
 * Numbered items of part 1. A numbered line opens an item; "绩效目标：" and "绩效指标：" lines
 * belong to the open item; other lines are its body. A title that runs on into a sentence is cut
 * at the first 。 ("一是严明纪律。牢固树立…" → title "严明纪律", text "牢固树立…").
 */
function readGoalItems(lines: Line[]): GoalItem[] {
  const items: GoalItem[] = [];
  let current: GoalItem | null = null;
  for (const line of lines) {
    const text = stripBookmarks(line.text).text.trim();
    if (text === '') continue;
    const label = /^(绩效目标|绩效指标)\s*[:：]\s*/.exec(text);
    if (label && current) {
      const body = text.slice(label[0].length);
      if (label[1] === '绩效目标') current.goalText = appendText(current.goalText, body);
      else current.indicatorText = appendText(current.indicatorText, body);
      continue;
    }
    const { numbering, rest } = splitNumbering(text);
    if (numbering || !current) {
      const cut = rest.indexOf('。');
      const hasMore = cut >= 0 && cut < rest.length - 1;
      current = {
        title: (hasMore ? rest.slice(0, cut) : rest).replace(/[。；;，,：:]+$/, ''),
        numbering,
        text: hasMore ? rest.slice(cut + 1).trim() : null,
        goalText: null,
        indicatorText: null,
        source: line.source,
      };
      items.push(current);
    } else {
      current.text = appendText(current.text, text);
    }
  }
  return items;
}
