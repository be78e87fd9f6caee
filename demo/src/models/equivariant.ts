/**
 * The equivariant model: escnn's MNIST tutorial network (`C8SteerableCNN`) on @steerable/nn-equivariant's
 * layers — R2Conv blocks between regular fields with InnerBatchNorm and ReLU, antialiased pooling,
 * GroupPooling to invariant fields, then a small MLP head — for a choice of symmetry group.
 *
 * The layers are being written now; until R2Conv, InnerBatchNorm, ReLU, pooling and GroupPooling are
 * exported by @steerable/nn-equivariant, {@link buildEquivariantModel} reports that it is unavailable and
 * the demo trains the baseline alone.
 */

import type { ClassifierModel } from './model.js';

/** The symmetry of the steerable CNN. */
export type GroupChoice =
  | { readonly kind: 'cyclic'; readonly n: number }
  | { readonly kind: 'dihedral'; readonly n: number }
  | { readonly kind: 'so2'; readonly nonlinearity: 'fourier' | 'norm' };

/** Parses `C8`, `D4`, `SO2` (Fourier nonlinearity) or `SO2-norm` (norm nonlinearity), case-insensitive. */
export function parseGroup(text: string): GroupChoice {
  const t = text.trim().toUpperCase();
  const finite = /^([CD])(\d+)$/.exec(t);
  if (finite) {
    const n = Number(finite[2]);
    if (n >= 1 && n <= 64) return { kind: finite[1] === 'C' ? 'cyclic' : 'dihedral', n };
  }
  if (t === 'SO2' || t === 'SO2-FOURIER') return { kind: 'so2', nonlinearity: 'fourier' };
  if (t === 'SO2-NORM') return { kind: 'so2', nonlinearity: 'norm' };
  throw new Error(`--group must be C<N> or D<N> (1 ≤ N ≤ 64), SO2 or SO2-norm; got '${text}'`);
}

/** The group's name as in escnn, e.g. `C8`, `D4`, `SO(2)`. */
export function groupName(group: GroupChoice): string {
  if (group.kind === 'cyclic') return `C${group.n}`;
  if (group.kind === 'dihedral') return `D${group.n}`;
  return `SO(2) (${group.nonlinearity === 'fourier' ? 'Fourier' : 'norm'} nonlinearity)`;
}

/** Options of {@link buildEquivariantModel}. */
export interface EquivariantOptions {
  readonly group: GroupChoice;
  /** Number of fields of the six blocks (see ./architecture.ts). */
  readonly fields: readonly number[];
  /** Seed of the weight initialization. @defaultValue 1 */
  readonly seed?: number;
}

/** Either the model, or why it cannot be built yet. */
export type EquivariantBuild =
  | { readonly available: true; readonly model: ClassifierModel; readonly parameterCount: number }
  | { readonly available: false; readonly reason: string };

/** Builds the steerable CNN for `options.group`, or says why it cannot yet. */
export function buildEquivariantModel(options: EquivariantOptions): EquivariantBuild {
  return {
    available: false,
    reason: `the equivariant layers (R2Conv, InnerBatchNorm, ReLU, pooling, GroupPooling) are not exported by @steerable/nn-equivariant yet; the ${groupName(options.group)} model is skipped`,
  };
}
