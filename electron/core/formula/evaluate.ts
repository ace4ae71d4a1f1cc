import { FormulaErrorValue, type FormulaNode, type FormulaValue } from './ast';
import { formulaCompare, formulaEquals, isError, isTruthy, toNumber, toText } from './coerce';
import { functionSpec, type RecordContext } from './functions';

/** The record a formula runs against: its field values (already in formula form) plus metadata. */
export interface FormulaRecord extends RecordContext {
  value(fieldId: string): FormulaValue;
}

export function evaluate(node: FormulaNode, record: FormulaRecord): FormulaValue {
  switch (node.kind) {
    case 'number':
    case 'string':
    case 'boolean':
      return node.value;
    case 'field':
      return record.value(node.fieldId);
    case 'negate': {
      const value = evaluate(node.operand, record);
      return isError(value) ? value : -toNumber(value);
    }
    case 'binary':
      return binary(node.operator, evaluate(node.left, record), evaluate(node.right, record));
    case 'call':
      return call(node.name, node.args, record);
  }
}

function binary(operator: Extract<FormulaNode, { kind: 'binary' }>['operator'], left: FormulaValue, right: FormulaValue): FormulaValue {
  if (isError(left)) return left;
  if (isError(right)) return right;
  switch (operator) {
    case '=':
      return formulaEquals(left, right);
    case '!=':
      return !formulaEquals(left, right);
    case '<':
      return formulaCompare(left, right) < 0;
    case '>':
      return formulaCompare(left, right) > 0;
    case '<=':
      return formulaCompare(left, right) <= 0;
    case '>=':
      return formulaCompare(left, right) >= 0;
    case '&':
      return toText(left) + toText(right);
    case '+':
      return numeric(toNumber(left) + toNumber(right));
    case '-':
      return numeric(toNumber(left) - toNumber(right));
    case '*':
      return numeric(toNumber(left) * toNumber(right));
    case '/': {
      const divisor = toNumber(right);
      return divisor === 0 ? new FormulaErrorValue('#DIV/0!') : numeric(toNumber(left) / divisor);
    }
  }
}

function numeric(value: number): FormulaValue {
  return Number.isNaN(value) ? new FormulaErrorValue('NaN') : value;
}

function call(name: string, argNodes: FormulaNode[], record: FormulaRecord): FormulaValue {
  // IF and SWITCH only evaluate the branch they take, so an error in another branch is harmless.
  if (name === 'IF') {
    const condition = evaluate(argNodes[0] as FormulaNode, record);
    if (isError(condition)) return condition;
    const branch = isTruthy(condition) ? argNodes[1] : argNodes[2];
    return branch ? evaluate(branch, record) : null;
  }
  if (name === 'SWITCH') {
    const subject = evaluate(argNodes[0] as FormulaNode, record);
    let i = 1;
    for (; i + 1 < argNodes.length; i += 2) {
      if (formulaEquals(subject, evaluate(argNodes[i] as FormulaNode, record))) return evaluate(argNodes[i + 1] as FormulaNode, record);
    }
    return i < argNodes.length ? evaluate(argNodes[i] as FormulaNode, record) : null;
  }
  const spec = functionSpec(name);
  if (!spec) return new FormulaErrorValue('#ERROR!');
  const args = argNodes.map((node) => evaluate(node, record));
  if (!spec.seesErrors) {
    const error = args.find(isError);
    if (error) return error;
  }
  // LAST_MODIFIED_TIME({Field}) names fields, not their values.
  if (name === 'LAST_MODIFIED_TIME') {
    return spec.impl(argNodes.map((node) => (node.kind === 'field' ? node.fieldId : null)), record);
  }
  return spec.impl(args, record);
}
