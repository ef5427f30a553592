/** GBK bytes for the few characters the encoding tests use (Node decodes GBK but cannot encode it). */
export function gbk(text: string): Uint8Array {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (trail !== 0x7f && ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return Uint8Array.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}
