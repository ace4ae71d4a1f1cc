/** A formula that cannot be parsed or refers to something unknown; Airtable answers these with 422. */
export class FormulaSyntaxError extends Error {
  override readonly name = 'FormulaSyntaxError';
}

/** Which bound a formula ran into (see FormulaLimits). */
export type FormulaLimitKind = 'formulaLength' | 'steps' | 'textLength' | 'arrayLength' | 'patternLength';

/**
 * A formula that is valid but too expensive to run: too long, too much work for one record, or an
 * intermediate text or list bigger than the caps. It is thrown, not returned as `#ERROR!`, so a
 * caller can tell "this formula is wrong" (FormulaSyntaxError) from "this formula asks for too
 * much" and say so to the person, instead of silently treating every record as an error.
 */
export class FormulaLimitError extends Error {
  override readonly name = 'FormulaLimitError';
  constructor(
    readonly limit: FormulaLimitKind,
    readonly max: number,
    message: string,
  ) {
    super(message);
  }
}
