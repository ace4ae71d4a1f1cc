import type { BinaryOperator, FormulaNode } from './ast';
import { FormulaLimitError, FormulaSyntaxError } from './errors';
import { functionSpec } from './functions/registry';
import type { FormulaLimits } from './limits';
import { tokenize, type Token } from './tokenizer';

/** Resolves a field reference (by name, case-sensitive, or by id) to a field id, or undefined. */
export type FieldResolver = (nameOrId: string) => string | undefined;

const PRECEDENCE: ReadonlyArray<ReadonlySet<string>> = [new Set(['=', '!=', '<', '>', '<=', '>=']), new Set(['&']), new Set(['+', '-']), new Set(['*', '/'])];
const MINUS = new Set(['-']);
const PLUS = new Set(['+']);

/**
 * Parses an Airtable formula. Unknown fields and functions are collected and reported together,
 * as Airtable does ("Unknown field names: …"), so the whole formula is checked before any record.
 *
 * The parser is recursive, so nesting (parentheses, calls, unary signs) is capped at
 * `limits.maxDepth`: a formula of 100,000 "(" is a FormulaSyntaxError, not a stack overflow.
 * Chains such as `a & b & c & …` are built in a loop and evaluated in a loop, so they cost no depth.
 */
export function parseFormula(source: string, resolveField: FieldResolver, limits: Pick<FormulaLimits, 'maxFormulaLength' | 'maxDepth'>): FormulaNode {
  if (source.length > limits.maxFormulaLength) {
    throw new FormulaLimitError('formulaLength', limits.maxFormulaLength, `The formula is longer than ${limits.maxFormulaLength.toLocaleString('en-US')} characters.`);
  }
  if (source.trim() === '') throw new FormulaSyntaxError('The formula is empty');
  const parser = new Parser(tokenize(source), resolveField, limits.maxDepth);
  const node = parser.expression();
  parser.expectEnd();
  if (parser.unknownFields.size > 0) throw new FormulaSyntaxError(`Unknown field names: ${[...parser.unknownFields].join(', ')}`);
  return node;
}

class Parser {
  private position = 0;
  private depth = 0;
  readonly unknownFields = new Set<string>();
  constructor(
    private readonly tokens: Token[],
    private readonly resolveField: FieldResolver,
    private readonly maxDepth: number,
  ) {}

  /** Lowest precedence first: comparisons, then `&`, then `+ -`, then `* /`. */
  expression(): FormulaNode {
    return this.level(0);
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.type !== 'end') throw new FormulaSyntaxError(`Unexpected ${describe(token)} at position ${token.at + 1}`);
  }

  /** One nesting level deeper; refused past the cap before the recursion can exhaust the stack. */
  private nested<T>(at: number, parse: () => T): T {
    if (++this.depth > this.maxDepth) throw new FormulaSyntaxError(`The formula is nested more than ${this.maxDepth} levels deep (position ${at + 1})`);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /** One precedence level: left-associative binary operators over the next level down. */
  private level(index: number): FormulaNode {
    const operators = PRECEDENCE[index];
    if (!operators) return this.unary();
    let left = this.level(index + 1);
    while (this.isOperator(operators)) {
      const operator = this.operator();
      left = { kind: 'binary', operator, left, right: this.level(index + 1) };
    }
    return left;
  }

  private unary(): FormulaNode {
    const token = this.peek();
    if (this.isOperator(MINUS)) {
      this.next();
      return this.nested(token.at, () => ({ kind: 'negate', operand: this.unary() }));
    }
    if (this.isOperator(PLUS)) {
      this.next();
      return this.nested(token.at, () => this.unary());
    }
    return this.primary();
  }

  private primary(): FormulaNode {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { kind: 'number', value: token.value };
      case 'string':
        return { kind: 'string', value: token.value };
      case 'field':
        return this.field(token.value);
      case 'paren':
        if (token.value === '(') {
          const inner = this.nested(token.at, () => this.expression());
          this.expect(')');
          return inner;
        }
        break;
      case 'identifier':
        return this.identifier(token.value, token.at);
      case 'operator':
      case 'comma':
      case 'end':
        break;
    }
    throw new FormulaSyntaxError(`Unexpected ${describe(token)} at position ${token.at + 1}`);
  }

  private identifier(name: string, at: number): FormulaNode {
    const peeked = this.peek();
    if (peeked.type === 'paren' && peeked.value === '(') {
      this.next();
      const args = this.nested(at, () => this.arguments());
      return this.call(name, args, at);
    }
    const upper = name.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE' };
    // Airtable accepts a one-word field name without braces.
    return this.field(name);
  }

  private arguments(): FormulaNode[] {
    const args: FormulaNode[] = [];
    const closing = this.peek();
    if (!(closing.type === 'paren' && closing.value === ')')) {
      args.push(this.expression());
      while (this.peek().type === 'comma') {
        this.next();
        args.push(this.expression());
      }
    }
    this.expect(')');
    return args;
  }

  private call(name: string, args: FormulaNode[], at: number): FormulaNode {
    const upper = name.toUpperCase();
    const spec = functionSpec(upper);
    if (!spec) throw new FormulaSyntaxError(`Unknown function names: ${name}`);
    if (args.length < spec.min || args.length > spec.max) {
      const range = spec.min === spec.max ? String(spec.min) : `${spec.min} to ${spec.max === Number.POSITIVE_INFINITY ? 'any number of' : spec.max}`;
      throw new FormulaSyntaxError(`${upper}() takes ${range} arguments, got ${args.length} (position ${at + 1})`);
    }
    if (spec.args === 'fields' && args.some((arg) => arg.kind !== 'field')) {
      throw new FormulaSyntaxError(`${upper}() takes field references such as {Field} (position ${at + 1})`);
    }
    return { kind: 'call', name: upper, args };
  }

  private field(nameOrId: string): FormulaNode {
    const fieldId = this.resolveField(nameOrId);
    if (!fieldId) {
      this.unknownFields.add(nameOrId);
      return { kind: 'field', fieldId: '' };
    }
    return { kind: 'field', fieldId };
  }

  private expect(value: ')'): void {
    const token = this.next();
    if (token.type !== 'paren' || token.value !== value) throw new FormulaSyntaxError(`Expected "${value}" but found ${describe(token)} at position ${token.at + 1}`);
  }

  private operator(): BinaryOperator {
    const token = this.next();
    if (token.type !== 'operator') throw new FormulaSyntaxError(`Expected an operator at position ${token.at + 1}`);
    return token.value as BinaryOperator;
  }

  private isOperator(set: ReadonlySet<string>): boolean {
    const token = this.peek();
    return token.type === 'operator' && set.has(token.value);
  }

  private peek(): Token {
    return this.tokens[this.position] ?? { type: 'end', at: 0 };
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.position++;
    return token;
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'end of formula';
    case 'comma':
      return '","';
    case 'field':
      return `{${token.value}}`;
    case 'number':
    case 'string':
    case 'identifier':
    case 'operator':
    case 'paren':
      return `"${String(token.value)}"`;
  }
}
