import type { FormulaNode } from './ast';
import { isTruthy } from './coerce';
import type { FormulaRecord } from './context';
import { evaluateFormula } from './evaluate';
import { resolveLimits, type FormulaLimits } from './limits';
import { parseFormula, type FieldResolver } from './parser';
import type { FormulaValue } from './values';

export { FormulaSyntaxError, FormulaLimitError, type FormulaLimitKind } from './errors';
export { FormulaErrorValue, type FormulaValue } from './values';
export { cellToFormulaValue } from './cellValues';
export { toText } from './coerce';
export { DEFAULT_LIMITS, type FormulaLimits } from './limits';
export { functionNames as formulaFunctionNames } from './functions/registry';
export type { FormulaRecord } from './context';
export type { FieldResolver } from './parser';

export interface CompileOptions {
  /** Override any of DEFAULT_LIMITS (formula length, nesting, steps per record, text and list sizes). */
  limits?: Partial<FormulaLimits>;
}

/**
 * A formula parsed once against a table's fields and evaluated against many records. This is
 * the evaluator the sandbox uses for `filterByFormula` and formula fields, and the offline cache
 * uses for local filters, so both agree by construction on the supported language.
 */
export class CompiledFormula {
  private constructor(
    readonly source: string,
    private readonly root: FormulaNode,
    readonly referencedFieldIds: readonly string[],
    private readonly limits: Readonly<FormulaLimits>,
  ) {}

  /**
   * Throws FormulaSyntaxError for bad syntax, unknown functions and unknown fields (and nesting
   * past `maxDepth`), FormulaLimitError for a formula longer than `maxFormulaLength`.
   */
  static compile(source: string, resolveField: FieldResolver, options: CompileOptions = {}): CompiledFormula {
    const limits = resolveLimits(options.limits);
    const referenced = new Set<string>();
    const root = parseFormula(source, (nameOrId) => {
      const id = resolveField(nameOrId);
      if (id) referenced.add(id);
      return id;
    }, limits);
    return new CompiledFormula(source, root, [...referenced], limits);
  }

  /**
   * The formula's value for one record. Errors inside the formula are values (FormulaErrorValue);
   * a record that needs more than the limits allow throws FormulaLimitError.
   */
  evaluate(record: FormulaRecord): FormulaValue {
    return evaluateFormula(this.root, record, this.limits);
  }

  /** filterByFormula semantics: keep the record unless the result is 0, false, "", NaN, [], blank or an error. */
  matches(record: FormulaRecord): boolean {
    return isTruthy(this.evaluate(record));
  }
}
