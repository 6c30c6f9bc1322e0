/**
 * Internal: a fast compiled parser for the common date-fns format tokens. date-fns `parse`
 * builds its token parsers on every call (~100 µs per value), too slow for files with hundreds
 * of thousands of distinct timestamps; formats using only the tokens below are compiled once
 * into a regular expression. Other formats fall back to date-fns `parse` (see dates.ts).
 *
 * Tokens: `y` (1–4 digits), `yyyy` (4), `M`/`MM` (month), `d`/`dd` (day of month), `H`/`HH`
 * (0–23), `h`/`hh` (1–12, with `a`/`aa` AM/PM), `m`/`mm`, `s`/`ss`, `S`… (fraction of a
 * second, exactly as many digits as letters), quoted literals (`'T'`, `''`). As in date-fns,
 * one-letter tokens take 1–2 digits and longer tokens 1–n digits; a token next to
 * another numeric token
 * (`yyyyMMdd`) must have exactly n digits. Fields absent from the format
 * default to 1970-01-01T00:00:00.000 (date-fns' reference date here).
 */

/** Wall-clock fields; `null` when the text does not match or a field is out of range. */
export interface WallClock {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

type Setter = (w: WallClock & { pm?: boolean; h12?: number }, text: string) => void;

const NUMERIC = new Set(['y', 'M', 'd', 'H', 'h', 'm', 's', 'S']);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits a format into tokens (runs of one letter) and literals; `undefined` if unsupported. */
function tokenize(format: string): { letter: string; text: string }[] | undefined {
  const out: { letter: string; text: string }[] = [];
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (c === "'") {
      let j = i + 1;
      let lit = '';
      while (j < format.length) {
        if (format[j] === "'") {
          if (format[j + 1] === "'") {
            lit += "'";
            j += 2;
            continue;
          }
          break;
        }
        lit += format[j];
        j++;
      }
      if (j >= format.length && format[j - 1] !== "'") return undefined;
      out.push({ letter: '', text: j === i + 1 ? "'" : lit });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (format[j] === c) j++;
      const text = format.slice(i, j);
      if (!NUMERIC.has(c) && !(c === 'a' && j - i <= 2)) return undefined;
      if (c === 'y' && text.length !== 1 && text.length !== 4) return undefined;
      if (c !== 'y' && c !== 'S' && c !== 'a' && text.length > 2) return undefined;
      out.push({ letter: c, text });
      i = j;
      continue;
    }
    out.push({ letter: '', text: c });
    i++;
  }
  return out;
}

/** Compiles `format`, or returns `undefined` when it uses tokens this parser does not know. */
export function compileFormat(format: string): ((text: string) => WallClock | null) | undefined {
  const tokens = tokenize(format);
  if (tokens === undefined) return undefined;
  let pattern = '^';
  const setters: Setter[] = [];
  tokens.forEach((t, k) => {
    if (t.letter === '') {
      pattern += escapeRegExp(t.text);
      return;
    }
    if (t.letter === 'a') {
      pattern += '([AaPp][Mm])';
      setters.push((w, v) => {
        w.pm = v.toLowerCase() === 'pm';
      });
      return;
    }
    const n = t.letter === 'y' ? 4 : t.letter === 'S' ? t.text.length : 2;
    const next = tokens[k + 1];
    const prev = tokens[k - 1];
    const adjacent =
      (next !== undefined && NUMERIC.has(next.letter)) ||
      (prev !== undefined && NUMERIC.has(prev.letter));
    const exact =
      t.letter === 'S' ||
      (adjacent && t.text.length > 1) ||
      (t.letter === 'y' && t.text.length === 4);
    pattern += exact ? `(\\d{${n}})` : `(\\d{1,${n}})`;
    const set: Record<string, Setter> = {
      y: (w, v) => {
        w.y = Number(v);
      },
      M: (w, v) => {
        w.mo = Number(v);
      },
      d: (w, v) => {
        w.d = Number(v);
      },
      H: (w, v) => {
        w.h = Number(v);
      },
      h: (w, v) => {
        w.h12 = Number(v);
      },
      m: (w, v) => {
        w.mi = Number(v);
      },
      s: (w, v) => {
        w.s = Number(v);
      },
      S: (w, v) => {
        w.ms = Math.floor(Number(`0.${v}`) * 1000);
      },
    };
    setters.push(set[t.letter]!);
  });
  const re = new RegExp(`${pattern}$`);
  const has12 = tokens.some((t) => t.letter === 'h');
  const hasAmPm = tokens.some((t) => t.letter === 'a');
  return (text) => {
    const m = re.exec(text);
    if (m === null) return null;
    const w: WallClock & { pm?: boolean; h12?: number } = {
      y: 1970,
      mo: 1,
      d: 1,
      h: 0,
      mi: 0,
      s: 0,
      ms: 0,
    };
    for (let i = 0; i < setters.length; i++) setters[i]!(w, m[i + 1]!);
    if (has12) {
      if (w.h12 === undefined || w.h12 < 1 || w.h12 > 12) return null;
      w.h = (w.h12 % 12) + (hasAmPm && w.pm ? 12 : 0);
    }
    return { y: w.y, mo: w.mo, d: w.d, h: w.h, mi: w.mi, s: w.s, ms: w.ms };
  };
}
