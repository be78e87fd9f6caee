/**
 * Typed errors thrown at the public entry points of every `@steerable` package.
 *
 * Every error names the function, the argument and the offending value, so that a
 * message such as `cyclicGroup: argument "N" must be a positive integer, got 2.5`
 * tells the user what to fix without reading the source.
 */

/** Formats a value for an error message: short, quoted where it helps. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) {
    const inner = value.slice(0, 8).map(describeValue).join(', ');
    return `[${inner}${value.length > 8 ? ', …' : ''}]`;
  }
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  if (typeof value === 'object') {
    const text = String(value);
    if (text !== '[object Object]') return text.length > 120 ? `${text.slice(0, 117)}…` : text;
    try {
      const json = JSON.stringify(value);
      return json.length > 120 ? `${json.slice(0, 117)}…` : json;
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}

/** Base class of every error thrown by the library. */
export class SteerableError extends Error {
  /** The public function or method that rejected its input, e.g. `"cyclicGroup"`. */
  readonly functionName: string;
  constructor(functionName: string, message: string) {
    super(`${functionName}: ${message}`);
    this.name = new.target.name;
    this.functionName = functionName;
  }
}

/** An argument has the wrong type, size, range or shape. */
export class InvalidArgumentError extends SteerableError {
  /** The argument's name as documented. */
  readonly argument: string;
  /** The rejected value. */
  readonly value: unknown;
  constructor(functionName: string, argument: string, value: unknown, expectation: string) {
    super(functionName, `argument "${argument}" ${expectation}, got ${describeValue(value)}`);
    this.argument = argument;
    this.value = value;
  }
}

/** An irrep id that the group does not have. */
export class UnknownIrrepError extends InvalidArgumentError {
  constructor(functionName: string, groupName: string, id: readonly unknown[]) {
    super(functionName, 'id', id, `must be the id of an irrep of ${groupName}`);
  }
}

/** A subgroup id that the group does not have. */
export class UnknownSubgroupError extends InvalidArgumentError {
  constructor(functionName: string, groupName: string, id: unknown) {
    super(functionName, 'id', id, `must be a subgroup id of ${groupName}`);
  }
}

/** Objects of two different groups were combined (elements, representations, field types, ...). */
export class GroupMismatchError extends SteerableError {
  constructor(functionName: string, argument: string, expected: string, got: string) {
    super(functionName, `argument "${argument}" belongs to ${got}, expected ${expected}`);
  }
}
