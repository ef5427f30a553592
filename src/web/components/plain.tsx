/**
 * Light building blocks for the public pages (issue 34, point 7): a table, a panel, tabs and a
 * pager in plain semantic HTML, styled like antd's (styles.css, "plain-"). antd's Table alone is
 * about 46 KB of compressed JavaScript, its Card pulls in Tabs and Skeleton: the public pages use
 * these instead so that a visitor's phone loads under 300 KB of script (test/e2e/page-weight.test.ts).
 * A wide table sits in a ScrollArea, which shows when it scrolls sideways.
 */
import { useEffect, useRef, useState, type Key, type ReactNode } from 'react';

export interface PlainColumn<T> {
  key: string;
  title: ReactNode;
  render: (row: T, index: number) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** A fixed width in px (the column keeps it; the others share the rest). */
  width?: number;
  /** Hidden on screens narrower than this (px): a phone keeps the columns that matter. */
  hideBelow?: number;
}

interface PlainTableProps<T> {
  columns: PlainColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
  testId?: string;
  rowTestId?: string;
  caption?: string;
  /** Shown in place of the rows when there are none. */
  empty: ReactNode;
  /** A footer row (a total), already made of <td>s. */
  footer?: ReactNode;
  /** Dims the table while newer rows load. */
  loading?: boolean;
  size?: 'middle' | 'small';
}

const hideClass = (px: number | undefined) => (px === undefined ? undefined : `plain-hide-below-${px}`);

/** A data table: header, rows, an optional total; in a ScrollArea when wider than the screen. */
export function PlainTable<T>({ columns, rows, rowKey, testId, rowTestId, caption, empty, footer, loading = false, size = 'middle' }: PlainTableProps<T>) {
  return (
    <ScrollArea>
      <table className={`plain-table plain-table-${size}${loading ? ' plain-table-loading' : ''}`} data-testid={testId} aria-busy={loading || undefined}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={hideClass(c.hideBelow)} style={{ width: c.width, textAlign: c.align }}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr className="plain-table-empty">
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            rows.map((row, i) => (
              <tr key={rowKey(row)} data-testid={rowTestId}>
                {columns.map((c) => (
                  <td key={c.key} className={hideClass(c.hideBelow)} style={{ textAlign: c.align }}>
                    {c.render(row, i)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
        {footer && rows.length > 0 && <tfoot>{footer}</tfoot>}
      </table>
    </ScrollArea>
  );
}

/**
 * A box that scrolls sideways when its content is wider than the screen, and says so: shadows at
 * the edges with more to see (styles.css) and a hint "左右滑动查看" while it overflows.
 */
export function ScrollArea({ children, testId }: { children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div className="scroll-area-wrap" data-testid={testId}>
      {overflows && (
        <div className="scroll-hint" data-testid="scroll-hint" aria-hidden="true">
          ← 左右滑动查看 →
        </div>
      )}
      <div ref={ref} className={`scroll-area${overflows ? ' scroll-area-overflows' : ''}`}>
        {children}
      </div>
    </div>
  );
}

/** A titled box like antd's small Card. */
export function Panel({ title, children, testId, className }: { title?: ReactNode; children: ReactNode; testId?: string; className?: string }) {
  return (
    <section className={`plain-panel${className ? ` ${className}` : ''}`} data-testid={testId}>
      {title && <h2 className="plain-panel-title">{title}</h2>}
      <div className="plain-panel-body">{children}</div>
    </section>
  );
}

/** Tabs as the ARIA tab pattern: buttons in a tablist, the chosen panel shown. */
export function PlainTabs<K extends string>({ active, onChange, items, label }: { active: K; onChange: (key: K) => void; items: { key: K; label: ReactNode; children: ReactNode }[]; label: string }) {
  const chosen = items.find((i) => i.key === active) ?? items[0]!;
  return (
    <div className="plain-tabs">
      <div role="tablist" aria-label={label} className="plain-tab-list">
        {items.map((i) => (
          <button
            key={i.key}
            type="button"
            role="tab"
            id={`tab-${i.key}`}
            aria-selected={i.key === chosen.key}
            aria-controls={`tabpanel-${i.key}`}
            tabIndex={i.key === chosen.key ? 0 : -1}
            className={`plain-tab${i.key === chosen.key ? ' plain-tab-active' : ''}`}
            onClick={() => onChange(i.key)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              const at = items.findIndex((x) => x.key === chosen.key);
              const next = items[(at + (e.key === 'ArrowRight' ? 1 : items.length - 1)) % items.length]!;
              onChange(next.key);
              document.getElementById(`tab-${next.key}`)?.focus();
            }}
          >
            {i.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${chosen.key}`} aria-labelledby={`tab-${chosen.key}`} className="plain-tab-panel">
        {chosen.children}
      </div>
    </div>
  );
}

/** Previous / next pages with "第 n / m 页"; nothing when everything fits on one page. */
export function Pager({ page, pageSize, total, onChange, testId }: { page: number; pageSize: number; total: number; onChange: (page: number) => void; testId?: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="plain-pager" aria-label="分页" data-testid={testId}>
      <button type="button" className="plain-pager-button" disabled={page <= 1} onClick={() => onChange(page - 1)}>
        上一页
      </button>
      <span aria-current="page">
        第 {page} / {pages} 页（共 {total} 条）
      </span>
      <button type="button" className="plain-pager-button" disabled={page >= pages} onClick={() => onChange(page + 1)}>
        下一页
      </button>
    </nav>
  );
}

/** A breadcrumb trail: links, the last item the current page. */
export function Crumbs({ items, className }: { items: ReactNode[]; className?: string }) {
  return (
    <nav aria-label="位置" className={`plain-crumbs${className ? ` ${className}` : ''}`}>
      <ol>
        {items.map((item, i) => (
          <li key={i} aria-current={i === items.length - 1 ? 'page' : undefined}>
            {item}
          </li>
        ))}
      </ol>
    </nav>
  );
}
