/**
 * A small, safe arithmetic language over column names, for amount columns such as
 * `Quantity*UnitPrice`. Parsed by hand into a tree and evaluated by walking it: no `eval`, no
 * `new Function`, no property access beyond the row's own columns.
 */
import { invalidInput } from '../errors';

/** Parsed expression tree. */
export type ExpressionNode =
  | { kind: 'number'; value: number }
  | { kind: 'column'; name: string }
  | { kind: 'negate'; operand: ExpressionNode }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: ExpressionNode; right: ExpressionNode };

/** A compiled column expression. */
export interface ColumnExpression {
  /** The source text. */
  source: string;
  /** The tree. */
  tree: ExpressionNode;
  /** Column names referenced, in first-use order. */
  columns: string[];
  /**
   * Evaluates the expression on one raw row. Column values are numbers or numeric text
   * (trimmed; empty text is an error).
   * @throws InvalidInputError naming the column and value for a missing or non-numeric value,
   *   a division by zero, or a non-finite result.
   */
  evaluate(row: Readonly<Record<string, unknown>>): number;
}

type Token =
  | { t: 'num'; v: number; at: number }
  | { t: 'id'; v: string; at: number }
  | { t: 'op'; v: '+' | '-' | '*' | '/' | '(' | ')'; at: number };

const FN = 'parseColumnExpression';

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if ('+-*/()'.includes(ch)) {
      out.push({ t: 'op', v: ch as '+', at: i });
      i++;
    } else if (/[0-9.]/.test(ch)) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
      if (!m) throw invalidInput(FN, 'expression', 'a number', src.slice(i), { code: 'syntax' });
      out.push({ t: 'num', v: Number(m[0]), at: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i))!;
      out.push({ t: 'id', v: m[0], at: i });
      i += m[0].length;
    } else if (ch === '"' || ch === '`') {
      const end = src.indexOf(ch, i + 1);
      if (end < 0) {
        throw invalidInput(FN, 'expression', `a closing ${ch} for the column name`, src, {
          code: 'syntax',
        });
      }
      out.push({ t: 'id', v: src.slice(i + 1, end), at: i });
      i = end + 1;
    } else {
      throw invalidInput(
        FN,
        'expression',
        'only column names, numbers, + - * / and parentheses',
        `${JSON.stringify(ch)} at position ${i + 1}`,
        { code: 'syntax' },
      );
    }
  }
  return out;
}

/** Recursive-descent parser: expr = term (('+'|'-') term)*; term = unary (('*'|'/') unary)*. */
function parse(tokens: Token[], src: string): ExpressionNode {
  let pos = 0;
  const fail = (rule: string): never => {
    const tok = tokens[pos];
    throw invalidInput(
      FN,
      'expression',
      rule,
      tok
        ? `${JSON.stringify(String(tok.v))} at position ${tok.at + 1} of ${JSON.stringify(src)}`
        : `end of ${JSON.stringify(src)}`,
      { code: 'syntax' },
    );
  };
  const isOp = (v: string) => tokens[pos]?.t === 'op' && tokens[pos]!.v === v;
  const primary = (): ExpressionNode => {
    const tok = tokens[pos];
    if (!tok) return fail('an operand');
    if (tok.t === 'num') {
      pos++;
      return { kind: 'number', value: tok.v };
    }
    if (tok.t === 'id') {
      pos++;
      return { kind: 'column', name: tok.v };
    }
    if (tok.v === '(') {
      pos++;
      const inner = expr();
      if (!isOp(')')) fail('a closing parenthesis');
      pos++;
      return inner;
    }
    return fail('an operand');
  };
  const unary = (): ExpressionNode => {
    if (isOp('-')) {
      pos++;
      return { kind: 'negate', operand: unary() };
    }
    if (isOp('+')) {
      pos++;
      return unary();
    }
    return primary();
  };
  const term = (): ExpressionNode => {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = tokens[pos++]!.v as '*' | '/';
      left = { kind: 'binary', op, left, right: unary() };
    }
    return left;
  };
  const expr = (): ExpressionNode => {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const op = tokens[pos++]!.v as '+' | '-';
      left = { kind: 'binary', op, left, right: term() };
    }
    return left;
  };
  const tree = expr();
  if (pos < tokens.length) fail('an operator or the end of the expression');
  return tree;
}

function readColumn(row: Readonly<Record<string, unknown>>, name: string, source: string): number {
  const raw = Object.hasOwn(row, name) ? row[name] : undefined;
  const n =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && raw.trim() !== ''
        ? Number(raw.trim())
        : Number.NaN;
  if (!Number.isFinite(n)) {
    throw invalidInput(
      source,
      name,
      'to be a number',
      raw === undefined ? 'a missing column' : raw,
      {
        code: 'invalid_number',
      },
    );
  }
  return n;
}

function evalNode(
  node: ExpressionNode,
  row: Readonly<Record<string, unknown>>,
  source: string,
): number {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'column':
      return readColumn(row, node.name, source);
    case 'negate':
      return -evalNode(node.operand, row, source);
    case 'binary': {
      const a = evalNode(node.left, row, source);
      const b = evalNode(node.right, row, source);
      if (node.op === '/' && b === 0) {
        throw invalidInput(source, 'expression', 'a non-zero divisor', 0, {
          code: 'division_by_zero',
        });
      }
      const r = node.op === '+' ? a + b : node.op === '-' ? a - b : node.op === '*' ? a * b : a / b;
      if (!Number.isFinite(r)) {
        throw invalidInput(source, 'expression', 'a finite result', r, { code: 'not_finite' });
      }
      return r;
    }
  }
}

/**
 * Parses an arithmetic expression over column names, e.g. `Quantity*UnitPrice` or
 * `(price - discount) * qty / 100`.
 *
 * Grammar: expr = term (('+' | '-') term)*; term = unary (('*' | '/') unary)*;
 * unary = ('-' | '+') unary | primary; primary = number | column | '(' expr ')'. Columns are
 * identifiers (`[A-Za-z_][A-Za-z0-9_.]*`) or quoted with `"…"` or backticks for names with
 * spaces. Usual precedence, left-associative. Evaluation reads only the row's own properties
 * (so `__proto__` or `constructor` are just missing columns).
 *
 * @param source - The expression text.
 * @returns The compiled expression; `evaluate(row)` returns a finite number.
 * @throws InvalidInputError (`INVALID_INPUT`, issue code `syntax`) naming the unexpected
 *   token and its position.
 * @example
 * parseColumnExpression('Quantity*UnitPrice').evaluate({ Quantity: '6', UnitPrice: '2.55' });
 * // => 15.299999999999999 (6 × 2.55 in binary floating point)
 */
export function parseColumnExpression(source: string): ColumnExpression {
  if (typeof source !== 'string' || source.trim() === '') {
    throw invalidInput(FN, 'expression', 'to be a non-empty string', source, {
      code: 'invalid_type',
    });
  }
  const tree = parse(tokenize(source), source);
  const columns: string[] = [];
  const walk = (n: ExpressionNode): void => {
    if (n.kind === 'column' && !columns.includes(n.name)) columns.push(n.name);
    if (n.kind === 'negate') walk(n.operand);
    if (n.kind === 'binary') {
      walk(n.left);
      walk(n.right);
    }
  };
  walk(tree);
  const label = `expression ${JSON.stringify(source)}`;
  return { source, tree, columns, evaluate: (row) => evalNode(tree, row, label) };
}

/**
 * True when the text names a column rather than an expression: it holds none of the
 * characters `+ - * / ( ) " \``. So `dollar_value` and `Unit Price` are plain columns, while
 * `Quantity*UnitPrice` is an expression (quote a column whose name contains an operator).
 *
 * @example
 * isPlainColumn('Unit Price'); // => true
 * isPlainColumn('Quantity*UnitPrice'); // => false
 */
export function isPlainColumn(source: string): boolean {
  return !/[+\-*/()"`]/.test(source);
}
