#!/usr/bin/env node
// The main job until the training demo exists: a short tour of what the library can do today,
// following the first steps of the escnn tutorial (gspaces, C4's representations at a rotation by 90°,
// the regular representation, a kernel basis). Runs on the built packages (`npm run demo` builds first).
import { flipRot2dOnR2, rot2dOnR2 } from '@steerable/gspaces';
import { r2ConvBasis } from '@steerable/kernels';
import { directSum } from '@steerable/representations';

const fmt = (x) => (Math.abs(x) < 5e-16 ? 0 : x).toFixed(4).padStart(8);
const printMatrix = (m, indent = '    ') => {
  for (let i = 0; i < m.rows; i++) console.log(indent + m.getRow(i).map(fmt).join(' '));
};

console.log('steerable: group-equivariant deep learning for TypeScript\n');

const r2Act = rot2dOnR2(4);
const G = r2Act.fibergroup;
console.log(`gspace: ${r2Act}   fibergroup: ${G} (order ${G.order()})`);
const g = G.element(1);
console.log(`element ${g}: a rotation by ${(g.to('radians') * 180) / Math.PI}°\n`);

console.log(`irreps of ${G}:`);
for (const rho of G.irreps()) {
  console.log(`  ${rho.name}  (dimension ${rho.dimension}, type ${rho.type}) at ${g}:`);
  printMatrix(rho.at(g));
}

const regular = r2Act.regularRepr;
console.log(`\nregular representation (size ${regular.size}) at ${g}: a cyclic shift of the basis`);
printMatrix(regular.at(g));
console.log(`  decomposes into irreps ${regular.irreps.map((id) => `(${id.join(',')})`).join(' ')}`);

const sum = directSum([r2Act.trivialRepr, r2Act.irrep(1)]);
console.log(`\ndirect sum ${sum.name}: size ${sum.size}, trivial ⊕ irrep_1 at ${g}:`);
printMatrix(sum.at(g));

console.log('\nequivariant kernel spaces (escnn weight counts, kernel size 5):');
for (const gs of [rot2dOnR2(4), rot2dOnR2(8), flipRot2dOnR2(4), rot2dOnR2(-1, { maximumFrequency: 4 })]) {
  const t = gs.trivialRepr;
  const out = gs.fibergroup.continuous ? gs.irrep(...gs.fibergroup.irreps()[1].id) : gs.regularRepr;
  const layer = r2ConvBasis(gs.sgId, [t], [out], 5);
  console.log(
    `  ${String(gs).padEnd(34)} trivial -> ${out.name.padEnd(10)} ${layer.dimension} weights, filter ${layer.filterShape.join('×')}`,
  );
}
