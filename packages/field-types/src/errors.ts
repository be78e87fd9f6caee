/**
 * Typed errors of the field-types package.
 */
import { SteerableError } from '@steerable/group-theory';

/**
 * Two field types that must agree do not: a geometric tensor of one type given where another is expected, or
 * two tensors of different types combined (escnn asserts `x.type == self.in_type`).
 */
export class FieldTypeMismatchError extends SteerableError {
  /** The argument that had the wrong type. */
  readonly argument: string;
  /** The type that was expected, as text. */
  readonly expected: string;
  /** The type that was given, as text. */
  readonly got: string;
  constructor(functionName: string, argument: string, expected: string, got: string) {
    super(functionName, `argument "${argument}" has field type ${got}, expected ${expected}`);
    this.argument = argument;
    this.expected = expected;
    this.got = got;
  }
}
