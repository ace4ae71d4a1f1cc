import type { FormulaNode, FormulaValue } from './ast';
import { isTruthy } from './coerce';
import { evaluate, type FormulaRecord } from './evaluate';
import { parseFormula, type FieldResolver } from './parser';

export { FormulaSyntaxError, FormulaErrorValue, type FormulaValue } from './ast';
export { cellToFormulaValue } from './cellValues';
export { toText } from './coerce';
export type { FormulaRecord } from './evaluate';
export type { FieldResolver } from './parser';

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
  ) {}

  /** Throws FormulaSyntaxError for bad syntax, unknown functions and unknown fields. */
  static compile(source: string, resolveField: FieldResolver): CompiledFormula {
    const referenced = new Set<string>();
    const root = parseFormula(source, (nameOrId) => {
      const id = resolveField(nameOrId);
      if (id) referenced.add(id);
      return id;
    });
    return new CompiledFormula(source, root, [...referenced]);
  }

  evaluate(record: FormulaRecord): FormulaValue {
    return evaluate(this.root, record);
  }

  /** filterByFormula semantics: keep the record unless the result is 0, false, "", NaN, [], blank or an error. */
  matches(record: FormulaRecord): boolean {
    return isTruthy(this.evaluate(record));
  }
}
