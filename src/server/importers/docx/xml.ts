/**
 * XML for the Word reader: a small element tree with canonical namespace prefixes, built from
 * fast-xml-parser's ordered output. DOCTYPE entities are never expanded.
 */
import { XMLParser } from 'fast-xml-parser';

// ---------------------------------------------------------------------------------------------
// XML: a small element tree with canonical namespace prefixes

export interface XElement {
  /** "w:p", "mc:AlternateContent", …: the prefix is canonical (see NAMESPACES), whatever the file uses. */
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** xml:space="preserve" in effect for this element's text. */
  preserve: boolean;
}

export type XNode = XElement | string;

export const XML_PARSER = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // Entities are decoded by decodeEntities: the parser would leave numeric references as they are,
  // and no DOCTYPE entity is ever expanded.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
});

const NAMESPACES: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
  'http://purl.oclc.org/ooxml/officeDocument/math': 'm',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingShape': 'wps',
  'urn:schemas-microsoft-com:vml': 'v',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'pr',
};

function qualify(qname: string, scope: Map<string, string>, isAttribute: boolean): string {
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const local = colon < 0 ? qname : qname.slice(colon + 1);
  if (prefix === 'xml') return qname;
  if (prefix === '' && isAttribute) return local;
  const uri = scope.get(prefix);
  if (uri === undefined) return qname; // undeclared prefix: keep it as written
  return `${NAMESPACES[uri] ?? `{${uri}}`}:${local}`;
}

export function toTree(nodes: unknown[], scope: Map<string, string>, preserve: boolean): XNode[] {
  const out: XNode[] = [];
  for (const raw of nodes) {
    if (!raw || typeof raw !== 'object') continue;
    const node = raw as Record<string, unknown>;
    if (typeof node['#text'] === 'string') {
      out.push(decodeEntities(node['#text']));
      continue;
    }
    if (Array.isArray(node['#cdata'])) {
      for (const t of node['#cdata'] as unknown[]) {
        const text = (t as Record<string, unknown> | null)?.['#text'];
        if (typeof text === 'string') out.push(text);
      }
      continue;
    }
    const tag = Object.keys(node).find((k) => k !== ':@');
    if (!tag || tag.startsWith('?') || tag.startsWith('!') || tag === '#comment') continue;
    const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
    let inner = scope;
    for (const [k, v] of Object.entries(rawAttrs)) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) {
        if (inner === scope) inner = new Map(scope);
        inner.set(k === 'xmlns' ? '' : k.slice(6), String(v));
      }
    }
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(rawAttrs)) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
      attrs[qualify(k, inner, true)] = decodeEntities(String(v));
    }
    const space = attrs['xml:space'];
    const keep = space === 'preserve' ? true : space === 'default' ? false : preserve;
    const children = Array.isArray(node[tag]) ? toTree(node[tag] as unknown[], inner, keep) : [];
    out.push({ name: qualify(tag, inner, false), attrs, children, preserve: keep });
  }
  return out;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name] ?? whole;
    const code = hex ? parseInt(hex, 16) : parseInt(dec ?? '', 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

export function isElement(n: XNode): n is XElement {
  return typeof n !== 'string';
}

export function elements(el: XElement): XElement[] {
  return el.children.filter(isElement);
}

export function firstElement(nodes: XNode[]): XElement | undefined {
  return nodes.find(isElement);
}

export function childEl(el: XElement | undefined, name: string): XElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (isElement(c) && c.name === name) return c;
  return undefined;
}

export function localName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1);
}

export function intAttr(el: XElement | undefined, name = 'w:val'): number | null {
  const v = el?.attrs[name];
  if (v === undefined || !/^-?\d+$/.test(v.trim())) return null;
  return parseInt(v, 10);
}

/** The branch of an mc:AlternateContent we read: its first mc:Choice, else its mc:Fallback. */
export function alternative(el: XElement): XElement[] {
  const branch = childEl(el, 'mc:Choice') ?? childEl(el, 'mc:Fallback');
  return branch ? elements(branch) : [];
}

export function someDescendant(el: XElement, test: (e: XElement) => boolean): boolean {
  for (const c of el.children) {
    if (isElement(c) && (test(c) || someDescendant(c, test))) return true;
  }
  return false;
}
