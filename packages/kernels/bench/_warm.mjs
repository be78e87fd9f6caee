import { performance } from 'node:perf_hooks';
import { cyclicGroup, dihedralGroup } from '@steerable/group-theory';
import { r2ConvBasis } from '@steerable/kernels';
import { regularRepresentation } from '@steerable/representations';

for (const [mk, sg, nm] of [
  [() => cyclicGroup(4), [null, 4], 'C4'],
  [() => dihedralGroup(4), [Math.PI, 4], 'D4'],
  [() => cyclicGroup(8), [null, 8], 'C8'],
]) {
  const tg = [],
    tr = [],
    tb = [];
  for (let i = 0; i < 30; i++) {
    const a = performance.now();
    const G = mk();
    const b = performance.now();
    const R = regularRepresentation(G);
    const c = performance.now();
    r2ConvBasis(sg, [R], [R], 7);
    const d = performance.now();
    tg.push(b - a);
    tr.push(c - b);
    tb.push(d - c);
  }
  const med = (x) => x.sort((a, b) => a - b)[15].toFixed(3);
  console.log(nm, 'group', med(tg), 'regular', med(tr), 'basis reg->reg k7', med(tb));
}
