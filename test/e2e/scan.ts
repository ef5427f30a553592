/**
 * What no page may show (issue 58), read from the page as a person sees it: raw keys (a field's path
 * such as `indicators.0.valueToDate`, a table's name with an id such as `rectification_item #15` or
 * `项目 #29`, an English field name or value such as `actualKind` or `value`), an amount of money with
 * more than two decimals (`10.645万元`), and a page wider than the screen (scrolling sideways).
 * A figure a document wrote (its own digits, in the official tables) is marked `data-document-figure`
 * and keeps them; the scan leaves it out.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface PageProblems {
  /** Texts that show a raw key, with the pattern that found them. */
  rawKeys: string[];
  /** Amounts with more than two decimals. */
  money: string[];
  /** How far the page is wider than the window, in px (0: it is not). */
  overflow: number;
  /** The elements that stick out past the window's right edge (their tag, class and text), when it overflows. */
  wide: string[];
}

/** Patterns of raw keys, each with what it stands for (the browser's RegExp source). */
const RAW_KEYS: [string, string][] = [
  ['a field path', String.raw`\b[A-Za-z]+\.\d+\.[A-Za-z]+`],
  ['a path with an index', String.raw`\b[a-z][A-Za-z]*\.\d+\b(?![.\d]*[%万元])`],
  ['a table name', String.raw`\b[a-z]+_[a-z_]+\b`],
  ['an id for a name', String.raw`#\s?\d+`],
  ['a camelCase name', String.raw`(?<![\w./@-])[a-z]+[A-Z][A-Za-z]*(?![\w./@-])`],
  ['a key word', String.raw`(?<![\w./@-])(?:value|graded|pending|approved|returned|submitted|published|issued|draft|unit_submitted|quantitative|qualitative|undefined|null|NaN|true|false|reminder|overdue)(?![\w./@-])`],
  ['其他字段', '其他字段'],
];

/** An amount in 万元 or 元 with three or more decimals. */
const LONG_MONEY = String.raw`\d[\d,]*\.\d{3,}\s*(?:万元|元|万)`;

/** Reads the page: its visible text (less document figures and what the page's own user typed), the amounts, the width. */
export async function scanPage(page: Page): Promise<PageProblems> {
  return page.evaluate(
    ({ rawKeys, longMoney }) => {
      // the text shown: each visible element's own text and labels, less the document's own figures
      const live = [...document.body.querySelectorAll('*')].filter((el) => {
        if (el.closest('[data-document-figure], [data-scan-skip], script, style, noscript, [aria-hidden="true"]')) return false;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      });
      const texts = new Set<string>();
      for (const el of live) {
        for (const node of el.childNodes) if (node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '') texts.add(node.textContent!.trim());
        for (const attr of ['title', 'aria-label', 'placeholder']) {
          const v = el.getAttribute(attr);
          if (v) texts.add(v.trim());
        }
      }
      // whole texts of leaf-ish elements too, so that a value split over nodes ("10.645" + "万元") is read as one
      for (const el of live) if (el.children.length <= 3) texts.add((el as HTMLElement).innerText?.trim() ?? '');
      const all = [...texts].filter((t) => t !== '');
      // each thing found once, in the shortest text that shows it (no named function in here: a bundler's helper for names is not in the page)
      const shortest = new Map<string, string>();
      for (const [what, source] of [...rawKeys.map(([w, src]) => [`${w}: `, src]), ['money', longMoney]]) {
        const re = new RegExp(source!);
        for (const t of all) {
          const m = re.exec(t);
          const key = `${what}“${m?.[0]}”`;
          if (m && (!shortest.has(key) || shortest.get(key)!.length > t.length)) shortest.set(key, t);
        }
      }
      const rawFound = [...shortest].filter(([k]) => !k.startsWith('money')).map(([k, t]) => `${k} in “${t.slice(0, 80)}”`);
      const money = [...shortest].filter(([k]) => k.startsWith('money')).map(([k, t]) => `${k.slice('money'.length)} in “${t.slice(0, 80)}”`);
      const width = window.innerWidth;
      const overflow = Math.max(0, document.documentElement.scrollWidth - width);
      const wide =
        overflow === 0
          ? []
          : live
              .filter((el) => el.getBoundingClientRect().right > width + 1 && ![...el.children].some((c) => c.getBoundingClientRect().right > width + 1))
              .filter((el) => !el.closest('.scroll-area, .ant-table-content, .ant-table-body, .ant-tabs-nav-wrap'))
              .slice(0, 8)
              .map((el) => `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).split(' ').slice(0, 2).join('.')} “${(el as HTMLElement).innerText?.slice(0, 30) ?? ''}” right ${Math.round(el.getBoundingClientRect().right)}`);
      return { rawKeys: rawFound, money, overflow, wide };
    },
    { rawKeys: RAW_KEYS, longMoney: LONG_MONEY },
  );
}

/** Fails, naming the page, when it shows a raw key or an amount with more than two decimals, or is wider than its window. */
export async function expectCleanPage(page: Page, where: string, opts: { width?: boolean } = {}): Promise<void> {
  const found = await scanPage(page);
  expect({ where, rawKeys: found.rawKeys, money: found.money }).toStrictEqual({ where, rawKeys: [], money: [] });
  if (opts.width !== false) expect({ where, overflow: found.overflow, wide: found.wide }).toStrictEqual({ where, overflow: 0, wide: [] });
}

/**
 * Visible table cells with text narrower than two characters of their font (a name wrapped a character a line),
 * and amounts drawn on more than one line: what a phone must not show (issue 58; the public pages' phone.test.ts).
 */
export async function squeezedCells(page: Page): Promise<{ cells: string[]; amounts: string[] }> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const cells = [...document.querySelectorAll('td, th')]
      // a cell of one or two characters (序号, →) needs no more room than they take
      .filter((el) => visible(el) && (el as HTMLElement).innerText.trim().length > 2)
      .filter((el) => {
        const s = getComputedStyle(el);
        const content = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        return content < 2 * parseFloat(s.fontSize) - 0.5;
      })
      .map((el) => (el as HTMLElement).innerText.trim().slice(0, 20));
    // an amount broken over lines has boxes on more than one line (a line's boxes share their top)
    const lines = (el: Element) => new Set([...el.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    const amounts = [...document.querySelectorAll('.money')].filter((el) => visible(el) && !el.querySelector('.money-exact') && lines(el) > 1).map((el) => (el as HTMLElement).innerText);
    return { cells, amounts };
  });
}
