/** The parsed form of an Airtable formula. Field references are resolved to field ids at parse time. */
export type FormulaNode =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'field'; fieldId: string }
  | { kind: 'call'; name: string; args: FormulaNode[] }
  | BinaryNode
  | { kind: 'negate'; operand: FormulaNode };

export interface BinaryNode {
  kind: 'binary';
  operator: BinaryOperator;
  left: FormulaNode;
  right: FormulaNode;
}

export type BinaryOperator = '=' | '!=' | '<' | '>' | '<=' | '>=' | '&' | '+' | '-' | '*' | '/';
