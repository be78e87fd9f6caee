// The floor of a cold build in V8: the smallest possible program for the cheapest layer of
// param_counts.json, run once in a fresh Node process. Used by construction.mjs --floor (a helper
// module, not a benchmark of its own).
//
// The layer is C8 (or C4, or SO(2)) trivial → trivial with k = 3, escnn's fastest (3.1 ms for C8). Its
// basis is two isotropic Gaussian rings sampled on the 3×3 grid and normalized to unit L2 norm:
//   b_r(x) = exp(-(|x| - r)² / (2σ_r²)) / ‖·‖₂,  r ∈ {0, 1},  σ = (0.005, 0.4)   (escnn's rules for k = 3)
// No library, no validation, no objects: one function of plain loops over a Float64Array. Whatever
// this costs on its first run is a lower bound for any implementation of the general library, which
// must also build the group, the field representations and the layer structure, and validate.
// construction.mjs checks that the output equals r2ConvBasis's for that layer before using the time.
import { performance } from 'node:perf_hooks';

/** The rings' basis of the trivial → trivial k×k layer, `[element][pixel]` row-major. */
function isotropicRings(k, radii, sigmas) {
  const c = (k - 1) / 2;
  const P = k * k;
  const out = new Float64Array(radii.length * P);
  for (let e = 0; e < radii.length; e++) {
    let norm2 = 0;
    for (let p = 0; p < P; p++) {
      const x = (p % k) - c;
      const y = c - Math.floor(p / k);
      const d = (Math.sqrt(x * x + y * y) - radii[e]) / sigmas[e];
      const v = Math.exp(-0.5 * d * d);
      out[e * P + p] = v;
      norm2 += v * v;
    }
    const s = 1 / Math.sqrt(norm2);
    for (let p = 0; p < P; p++) out[e * P + p] *= s;
  }
  return out;
}

/** Runs the probe once, after `settleMs` of idle (as the cold children of construction.mjs). */
export async function runFloorProbe(settleMs) {
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  performance.now();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const basis = isotropicRings(3, [0, 1], [0.005, 0.4]);
  const t1 = performance.now();
  const c = process.cpuUsage(c0);
  return { total: (t1 - t0) / 1000, cpu: (c.user + c.system) / 1e6, basis: Array.from(basis) };
}
