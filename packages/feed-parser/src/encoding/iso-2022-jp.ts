import iconv from 'iconv-lite';

type Mode = 'ascii' | 'katakana' | 'jis0208' | 'jis0212';

/**
 * ISO-2022-JP (RFC 1468, with the JIS X 0201 katakana and JIS X 0212 extensions) is a 7-bit
 * stateful encoding iconv-lite does not ship. Its two-byte sets map one to one onto EUC-JP,
 * so the bytes are rewritten as EUC-JP and decoded by iconv-lite.
 */
export function decodeIso2022Jp(bytes: Uint8Array): string {
  const out = new Uint8Array(bytes.length * 2);
  let n = 0;
  let mode: Mode = 'ascii';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x1b) {
      const next = readEscape(bytes, i);
      if (next) {
        mode = next.mode;
        i += next.length;
        continue;
      }
    }
    if (b === 0x0a || b === 0x0d || mode === 'ascii') {
      out[n++] = b;
      i += 1;
    } else if (mode === 'katakana') {
      if (b >= 0x21 && b <= 0x5f) {
        out[n++] = 0x8e;
        out[n++] = b | 0x80;
      } else {
        out[n++] = b;
      }
      i += 1;
    } else {
      const b2 = bytes[i + 1];
      if (b2 === undefined || b < 0x21 || b > 0x7e || b2 < 0x21 || b2 > 0x7e) {
        out[n++] = b;
        i += 1;
        continue;
      }
      if (mode === 'jis0212') out[n++] = 0x8f;
      out[n++] = b | 0x80;
      out[n++] = b2 | 0x80;
      i += 2;
    }
  }
  return iconv.decode(out.subarray(0, n), 'euc-jp');
}

function readEscape(bytes: Uint8Array, at: number): { mode: Mode; length: number } | null {
  const b1 = bytes[at + 1];
  const b2 = bytes[at + 2];
  if (b1 === 0x28) {
    // ESC ( B = ASCII, ESC ( J = JIS X 0201 Roman (read as ASCII), ESC ( I = half-width katakana.
    if (b2 === 0x42 || b2 === 0x4a) return { mode: 'ascii', length: 3 };
    if (b2 === 0x49) return { mode: 'katakana', length: 3 };
  }
  if (b1 === 0x24) {
    if (b2 === 0x40 || b2 === 0x42) return { mode: 'jis0208', length: 3 };
    if (b2 === 0x28 && bytes[at + 3] === 0x44) return { mode: 'jis0212', length: 4 };
  }
  return null;
}

/** True when 7-bit bytes carry ISO-2022-JP's switch into JIS X 0208 (`ESC $ B` / `ESC $ @`). */
export function looksLikeIso2022Jp(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length - 2, 65_536);
  for (let i = 0; i < limit; i++) {
    if (bytes[i] === 0x1b && bytes[i + 1] === 0x24 && (bytes[i + 2] === 0x42 || bytes[i + 2] === 0x40)) return true;
  }
  return false;
}
