/** The parsed form of an Airtable formula. Field references are resolved to field ids at parse time. */
export type FormulaNode =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'field'; fieldId: string }
  | { kind: 'call'; name: string; args: FormulaNode[] }
  | { kind: 'binary'; operator: BinaryOperator; left: FormulaNode; right: FormulaNode }
  | { kind: 'negate'; operand: FormulaNode };

export type BinaryOperator = '=' | '!=' | '<' | '>' | '<=' | '>=' | '&' | '+' | '-' | '*' | '/';

/** A formula that cannot be parsed or refers to something unknown; Airtable answers these with 422. */
export class FormulaSyntaxError extends Error {
  override readonly name = 'FormulaSyntaxError';
}

/** An error value inside a formula result (`#ERROR!`, `NaN`), as Airtable shows it in a cell. */
export class FormulaErrorValue {
  constructor(readonly code: '#ERROR!' | 'NaN' | '#DIV/0!') {}
  toString(): string {
    return this.code;
  }
}

export type FormulaValue = null | string | number | boolean | Date | FormulaErrorValue | FormulaValue[];
