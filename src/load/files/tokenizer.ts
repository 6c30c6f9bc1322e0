/**
 * Internal: an RFC 4180 CSV tokenizer over decoded text chunks, with the exact semantics the
 * loaders had with csv-parse 6 (`bom`, `relax_quotes`, `relax_column_count`, auto-detected
 * record delimiter), checked against csv-parse by a property test (test/load/tokenizer.test.ts).
 *
 * - The record delimiter is the first `\r\n`, `\n` or `\r` met outside quotes; afterwards only
 *   that one ends records (a lone `\n` in a `\r\n` file is data, as in csv-parse).
 * - A field starting with `"` is quoted: `""` is a quote, delimiters and line breaks are data.
 *   A closing quote followed by something other than a delimiter, the record delimiter or the
 *   end keeps the field as plain text, opening quote included (`"b"c` → `"b"c`); a quote inside
 *   an unquoted field is data (`b"c`).
 * - A leading BOM is dropped. Empty lines come out as `['']` (the reader skips them).
 *
 * Records without quotes take a fast path: `indexOf` finds the line end and `split` the fields.
 * Quoted records go through a character state machine that resumes across chunk boundaries,
 * so a long quoted field costs linear time however the text is chunked.
 */

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** A tokenized record: its fields and the `\n` characters inside them (for line numbers). */
export interface CsvRecord {
  fields: string[];
  newlines: number;
}

/** Thrown by {@link CsvTokenizer.end} when the input ends inside a quoted field. */
export class UnterminatedQuote extends Error {
  /** csv-parse's `lines` at the end of input: 1 + line breaks read (a `\r\n` delimiter is one). */
  readonly lines: number;
  constructor(lines: number) {
    super('unterminated quote');
    this.lines = lines;
  }
}

/** Counts occurrences of the char `code` in `s` between `from` (inclusive) and `to`. */
function countChar(s: string, ch: string, from: number, to: number): number {
  let n = 0;
  let k = s.indexOf(ch, from);
  while (k !== -1 && k < to) {
    n++;
    k = s.indexOf(ch, k + 1);
  }
  return n;
}

/**
 * The records of `s` from `i` that end (record delimiter included) before `stop`: no quotes
 * there, so fields are the text between delimiters, sliced straight from the chunk. Returns
 * where it stopped and the line breaks read (csv-parse's line count: a lone `\n` or `\r`
 * that is not the record delimiter is data, and counts).
 */
function plainRecords(
  s: string,
  i: number,
  stop: number,
  rd: string,
  delim: string,
  out: CsvRecord[],
): { next: number; breaks: number } {
  let breaks = 0;
  let nextDelim = -2;
  let nextCR = rd === '\r' ? -1 : -2;
  let nextLF = rd === '\n' ? -1 : -2;
  for (;;) {
    const e = s.indexOf(rd, i);
    if (e === -1 || e + rd.length > stop) break;
    let lf = 0;
    if (nextLF !== -1 && nextLF < i) nextLF = s.indexOf('\n', i);
    if (nextLF !== -1 && nextLF < e) {
      lf = countChar(s, '\n', nextLF, e);
      nextLF = -2;
    }
    if (nextCR !== -1 && nextCR < i) nextCR = s.indexOf('\r', i);
    if (nextCR !== -1 && nextCR < e) {
      breaks += countChar(s, '\r', nextCR, e);
      nextCR = -2;
    }
    breaks += 1 + lf;
    const fields: string[] = [];
    let from = i;
    for (;;) {
      if (nextDelim !== -1 && nextDelim < from) nextDelim = s.indexOf(delim, from);
      if (nextDelim === -1 || nextDelim >= e) {
        fields.push(s.slice(from, e));
        break;
      }
      fields.push(s.slice(from, nextDelim));
      from = nextDelim + delim.length;
    }
    out.push({ fields, newlines: lf });
    i = e + rd.length;
  }
  return { next: i, breaks };
}

/** Internal: incremental CSV tokenizer (see module doc). Feed chunks with `push`, then `end`. */
export class CsvTokenizer {
  private readonly delimiter: string;
  private readonly d0: number;
  private recordDelimiter: string | undefined;
  private pending = '';
  private started = false;
  // State of a record the slow path is in the middle of.
  private fields: string[] = [];
  private field = '';
  private quoting = false;
  private wasQuoting = false;
  private newlines = 0;
  private inRecord = false;
  /** CR and LF characters read, less one per `\r\n` delimiter (csv-parse's `info.lines` − 1). */
  private breaks = 0;
  /** The last character read inside quotes was a line break (csv-parse counts it later). */
  private lastBreak = false;

  constructor(delimiter: string) {
    this.delimiter = delimiter;
    this.d0 = delimiter.charCodeAt(0);
  }

  /** Tokenizes `chunk`, appending each complete record to `out`. */
  push(chunk: string, out: CsvRecord[]): void {
    let s = this.pending === '' ? chunk : this.pending + chunk;
    this.pending = '';
    if (!this.started) {
      if (s.length === 0) return;
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    this.run(s, false, out);
  }

  /** Ends the input: emits the last record; throws {@link UnterminatedQuote} inside a quote. */
  end(out: CsvRecord[]): void {
    let s = this.pending;
    this.pending = '';
    if (!this.started && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    this.started = true;
    this.run(s, true, out);
    if (this.quoting) throw new UnterminatedQuote(this.breaks + 1 - (this.lastBreak ? 1 : 0));
    if (this.inRecord && (this.wasQuoting || this.fields.length > 0 || this.field !== '')) {
      this.endField();
      this.emit(out);
    }
  }

  private run(s: string, end: boolean, out: CsvRecord[]): void {
    const len = s.length;
    // Lookahead the state machine may need at one position: a `""`, a closing quote followed
    // by a delimiter or a `\r\n`.
    const look = Math.max(this.delimiter.length, 2) + 1;
    let nextQuote = -2;
    let i = 0;
    while (i < len) {
      const rd = this.recordDelimiter;
      if (!this.inRecord && rd !== undefined) {
        // Fast path: the whole records before the next quote.
        if (nextQuote !== -1 && nextQuote < i) nextQuote = s.indexOf('"', i);
        const stop = nextQuote === -1 ? len : nextQuote;
        const done = plainRecords(s, i, stop, rd, this.delimiter, out);
        this.breaks += done.breaks;
        i = done.next;
        if (i >= len) return;
        if (nextQuote === -1 && !end && len - i < 1 << 20) {
          // An unquoted partial line: keep it for the next chunk.
          this.pending = s.slice(i);
          return;
        }
      }
      // Slow path: one character (or run) at a time, resumable at any position.
      if (!end && len - i < look) {
        this.pending = s.slice(i);
        return;
      }
      i = this.step(s, i, end, out);
    }
  }

  /** Is the record delimiter at `i`? Discovers it first when still unknown (as csv-parse). */
  private recordDelimiterAt(s: string, i: number): number {
    const rd = this.recordDelimiter;
    const c = s.charCodeAt(i);
    if (rd === undefined) {
      if (c === CR) this.recordDelimiter = s.charCodeAt(i + 1) === LF ? '\r\n' : '\r';
      else if (c === LF) this.recordDelimiter = '\n';
      else return 0;
      return this.recordDelimiter.length;
    }
    if (rd === '\n') return c === LF ? 1 : 0;
    if (rd === '\r') return c === CR ? 1 : 0;
    return c === CR && s.charCodeAt(i + 1) === LF ? 2 : 0;
  }

  private delimiterAt(s: string, i: number): boolean {
    return (
      s.charCodeAt(i) === this.d0 &&
      (this.delimiter.length === 1 || s.startsWith(this.delimiter, i))
    );
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.wasQuoting = false;
  }

  private emit(out: CsvRecord[]): void {
    out.push({ fields: this.fields, newlines: this.newlines });
    this.fields = [];
    this.newlines = 0;
    this.inRecord = false;
  }

  private append(c: number, ch: string): void {
    if (c === LF) {
      this.newlines++;
      this.breaks++;
    } else if (c === CR) this.breaks++;
    this.field += ch;
  }

  /** Processes the character at `i` (a run of quoted text at once); returns the next position. */
  private step(s: string, i: number, end: boolean, out: CsvRecord[]): number {
    this.inRecord = true;
    if (this.quoting) {
      const q = s.indexOf('"', i);
      if (q !== i) {
        // Quoted text up to the next quote (or the end of the chunk) is data.
        const stop = q === -1 ? s.length : q;
        const run = s.slice(i, stop);
        const lf = countChar(run, '\n', 0, run.length);
        this.newlines += lf;
        this.breaks += lf + countChar(run, '\r', 0, run.length);
        this.field += run;
        const last = s.charCodeAt(stop - 1);
        this.lastBreak = last === CR || last === LF;
        return stop;
      }
      if (s.charCodeAt(i + 1) === QUOTE) {
        this.lastBreak = false;
        this.field += '"';
        return i + 2;
      }
      this.quoting = false;
      this.wasQuoting = true;
      if (i + 1 >= s.length && end) return i + 1;
      if (this.delimiterAt(s, i + 1) || this.recordDelimiterAt(s, i + 1) !== 0) return i + 1;
      // Relaxed: not a closing quote after all; the field is plain text, opening quote included.
      this.field = `"${this.field}"`;
      return i + 1;
    }
    const c = s.charCodeAt(i);
    if (c === QUOTE) {
      if (this.field.length === 0) {
        this.quoting = true;
        this.lastBreak = false;
      } else this.field += '"';
      return i + 1;
    }
    const rdl = this.recordDelimiterAt(s, i);
    if (rdl !== 0) {
      this.breaks++;
      this.endField();
      this.emit(out);
      return i + rdl;
    }
    if (c === this.d0 && this.delimiterAt(s, i)) {
      this.endField();
      return i + this.delimiter.length;
    }
    if (c === CR || c === LF || c === this.d0) {
      this.append(c, s[i]!);
      return i + 1;
    }
    // A run of plain characters.
    let j = i + 1;
    const d0 = this.d0;
    for (; j < s.length; j++) {
      const k = s.charCodeAt(j);
      if (k === QUOTE || k === CR || k === LF || k === d0) break;
    }
    this.field += s.slice(i, j);
    return j;
  }
}
