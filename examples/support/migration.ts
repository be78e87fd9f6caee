/**
 * The escnn → steerable name map shown in `docs/guides/06-migration.md`. Each row names escnn's spelling,
 * ours as a user writes it, and the export (and member) it stands for, as `package:Export` or
 * `package:Export.member`: `migration.test.ts` checks every one against the packages' actual exports
 * (TypeScript's checker on each `src/index.ts`), and that the guide's table is this one rendered.
 */

/** One row: escnn's name, ours as written, the export it names, an optional note. */
export type Row = readonly [escnn: string, here: string, checks: string, note?: string];

/** A titled group of rows. */
export interface Section {
  readonly title: string;
  readonly rows: readonly Row[];
}

const G = 'group-theory';
const R = 'representations';
const K = 'kernels';
const S = 'gspaces';
const F = 'field-types';
const N = 'nn-equivariant';
const T = 'testing';

/** Rows for escnn classes whose name is unchanged. */
function same(pkg: string, escnnModule: string, names: readonly string[]): Row[] {
  return names.map((n) => [`${escnnModule}.${n}`, n, `${pkg}:${n}`] as const);
}

export const SECTIONS: readonly Section[] = [
  {
    title: 'Groups: `escnn.group` → `@steerable/group-theory`',
    rows: [
      ['cyclic_group(N)', 'cyclicGroup(N)', `${G}:cyclicGroup`],
      ['dihedral_group(N)', 'dihedralGroup(N)', `${G}:dihedralGroup`],
      ['so2_group(maximum_frequency)', 'so2Group(maximumFrequency)', `${G}:so2Group`],
      ['o2_group(maximum_frequency)', 'o2Group(maximumFrequency)', `${G}:o2Group`],
      ['trivial_group()', 'trivialGroup()', `${G}:trivialGroup`],
      ...same(G, 'escnn.group', ['CyclicGroup', 'DihedralGroup', 'SO2', 'O2', 'Group', 'GroupElement']),
      ['so3_group(maximum_frequency)', 'so3Group(maximumFrequency)', `${G}:so3Group`],
      ['o3_group(maximum_frequency)', 'o3Group(maximumFrequency)', `${G}:o3Group`],
      ['octa_group(), ico_group()', 'octaGroup(), icoGroup()', `${G}:octaGroup`],
      ['full_octa_group(), full_ico_group()', 'fullOctaGroup(), fullIcoGroup()', `${G}:fullOctaGroup`],
      ['direct_product(G1, G2)', 'directProduct(G1, G2)', `${G}:directProduct`],
      ['double_group(G)', 'doubleGroup(G)', `${G}:doubleGroup`],
      ['klein4_group()', 'klein4Group()', `${G}:klein4Group`],
      ['cylinder_group(maximum_frequency)', 'cylinderGroup(maximumFrequency)', `${G}:cylinderGroup`],
      [
        'full_cylinder_group(maximum_frequency)',
        'fullCylinderGroup(maximumFrequency)',
        `${G}:fullCylinderGroup`,
      ],
      ['cylinder_discrete_group(N)', 'cylinderDiscreteGroup(N)', `${G}:cylinderDiscreteGroup`],
      ['full_cylinder_discrete_group(N)', 'fullCylinderDiscreteGroup(N)', `${G}:fullCylinderDiscreteGroup`],
      ...same(G, 'escnn.group', [
        'SO3',
        'O3',
        'Octahedral',
        'Icosahedral',
        'DirectProductGroup',
        'DoubleGroup',
      ]),
      ['G.element(value, param)', 'G.element(value, param)', `${G}:Group.element`],
      ['g1 @ g2', 'g1.combine(g2)', `${G}:GroupElement.combine`, 'methods instead of operators'],
      ['~g', 'g.inverse()', `${G}:GroupElement.inverse`],
      ['g1 == g2', 'g1.equals(g2)', `${G}:GroupElement.equals`],
      ['g.to(param)', 'g.to(param)', `${G}:GroupElement.to`],
      ['G.order()', 'G.order()', `${G}:Group.order`],
      ['G.elements', 'G.elements', `${G}:Group.elements`],
      ['G.generators', 'G.generators', `${G}:Group.generators`],
      ['G.testing_elements()', 'G.testingElements', `${G}:Group.testingElements`, 'a property'],
      ['G.irreps()', 'G.irreps()', `${G}:Group.irreps`],
      ['G.irrep(*id)', 'G.irrep(...id)', `${G}:Group.irrep`],
      ['G.trivial_representation', 'G.trivialRepresentation', `${G}:Group.trivialRepresentation`],
      ['G.sample()', 'G.sample(n, { seed })', `${G}:Group.sample`],
      [
        'G.subgroup(id)',
        'G.subgroup(id)',
        `${G}:Group.subgroup`,
        'returns `{ subgroup, inclusion, restriction }`',
      ],
      ['G._restrict_irrep(id, sg_id)', 'G.restrictIrrep(id, sgId)', `${G}:Group.restrictIrrep`],
      ['G._tensor_product_irreps(m, n)', 'G.tensorProductIrreps(m, n)', `${G}:Group.tensorProductIrreps`],
      ['G._clebsh_gordan_coeff(m, n, j)', 'G.clebschGordan(m, n, j)', `${G}:Group.clebschGordan`],
      ['IrreducibleRepresentation', 'IrreducibleRepresentation', `${G}:IrreducibleRepresentation`],
      ['psi(g)', 'psi.at(g)', `${G}:IrreducibleRepresentation.at`, 'an ml-matrix `Matrix`'],
      [
        'psi.endomorphism_basis()',
        'psi.endomorphismBasis()',
        `${G}:IrreducibleRepresentation.endomorphismBasis`,
      ],
      [
        'psi.supported_nonlinearities',
        'psi.supportedNonlinearities',
        `${G}:IrreducibleRepresentation.supportedNonlinearities`,
      ],
    ],
  },
  {
    title: 'Representations: `escnn.group` → `@steerable/representations`',
    rows: [
      ['Representation', 'Representation', `${R}:Representation`],
      ['rho(g)', 'rho.at(g)', `${R}:Representation.at`],
      ['rho.irreps', 'rho.irreps', `${R}:Representation.irreps`],
      ['rho.change_of_basis', 'rho.changeOfBasis', `${R}:Representation.changeOfBasis`],
      ['rho.change_of_basis_inv', 'rho.changeOfBasisInv', `${R}:Representation.changeOfBasisInv`],
      ['rho.restrict(id)', 'restrict(rho, id)', `${R}:restrict`, 'a function'],
      ['directsum(reprs)', 'directSum(reprs)', `${R}:directSum`],
      ['change_basis(rho, Q, name)', 'changeBasis(rho, Q, name)', `${R}:changeBasis`],
      ['rho.tensor(psi)', 'tensorProduct(rho, psi)', `${R}:tensorProduct`],
      ['disentangle(rho)', 'disentangle(rho)', `${R}:disentangle`],
      ['G.regular_representation', 'regularRepresentation(G)', `${R}:regularRepresentation`],
      ['G.quotient_representation(id)', 'quotientRepresentation(G, id)', `${R}:quotientRepresentation`],
      [
        'G.induced_representation(id, psi)',
        'inducedRepresentation(G, id, psi)',
        `${R}:inducedRepresentation`,
      ],
      ['G.bl_regular_representation(L)', 'blRegularRepresentation(G, L)', `${R}:blRegularRepresentation`],
      ['homomorphism_space(rho, psi)', 'homomorphismBasis(rho, psi)', `${R}:homomorphismBasis`],
      ['HomSpace(G, id)', 'new HomSpace(G, id)', `${R}:HomSpace`],
    ],
  },
  {
    title: 'Kernels: `escnn.kernels` → `@steerable/kernels`',
    rows: [
      ['kernels_CN_act_R2', 'kernelsCNActR2', `${K}:kernelsCNActR2`],
      ['kernels_DN_act_R2', 'kernelsDNActR2', `${K}:kernelsDNActR2`],
      ['kernels_SO2_act_R2', 'kernelsSO2ActR2', `${K}:kernelsSO2ActR2`],
      ['kernels_O2_act_R2', 'kernelsO2ActR2', `${K}:kernelsO2ActR2`],
      ['kernels_Flip_act_R2', 'kernelsFlipActR2', `${K}:kernelsFlipActR2`],
      ['kernels_Trivial_act_R2', 'kernelsTrivialActR2', `${K}:kernelsTrivialActR2`],
      ['GSpace.build_kernel_basis(...)', 'r2KernelBasis(sgId, in, out, options)', `${K}:r2KernelBasis`],
      ['R2Conv + BlocksBasisExpansion', 'r2ConvBasis(sgId, inReprs, outReprs, k)', `${K}:r2ConvBasis`],
      ['(Restricted)WignerEckartBasis', 'irrepPairBasis(sgId, in, out, L)', `${K}:irrepPairBasis`],
      ['kernels_SO3_act_R3, kernels_O3_act_R3', 'kernelsSO3ActR3, kernelsO3ActR3', `${K}:kernelsSO3ActR3`],
      [
        'kernels_Octa_act_R3, kernels_Ico_act_R3, …',
        'kernelsOctaActR3, kernelsIcoActR3, …',
        `${K}:kernelsOctaActR3`,
      ],
      ['R3Conv + BlocksBasisExpansion', 'r3ConvBasis(sgId, inReprs, outReprs, k)', `${K}:r3ConvBasis`],
      ...same(K, 'escnn.kernels', ['KernelBasis', 'SteerableFiltersBasis', 'SphericalShellsBasis']),
    ],
  },
  {
    title: 'gspaces: `escnn.gspaces` → `@steerable/gspaces`',
    rows: [
      [
        'rot2dOnR2(N, maximum_frequency)',
        'rot2dOnR2(N, { maximumFrequency })',
        `${S}:rot2dOnR2`,
        'options object',
      ],
      [
        'flipRot2dOnR2(N, maximum_frequency, axis)',
        'flipRot2dOnR2(N, { maximumFrequency, axis })',
        `${S}:flipRot2dOnR2`,
      ],
      ['flip2dOnR2(axis)', 'flip2dOnR2({ axis })', `${S}:flip2dOnR2`],
      ['trivialOnR2()', 'trivialOnR2()', `${S}:trivialOnR2`],
      ['rot3dOnR3(maximum_frequency)', 'rot3dOnR3({ maximumFrequency })', `${S}:rot3dOnR3`],
      ['flipRot3dOnR3(maximum_frequency)', 'flipRot3dOnR3({ maximumFrequency })', `${S}:flipRot3dOnR3`],
      ['octaOnR3(), fullOctaOnR3()', 'octaOnR3(), fullOctaOnR3()', `${S}:octaOnR3`],
      ['icoOnR3(), fullIcoOnR3()', 'icoOnR3(), fullIcoOnR3()', `${S}:icoOnR3`],
      [
        'rot2dOnR3(n), dihedralOnR3(n), conicalOnR3(n)',
        'rot2dOnR3(n), dihedralOnR3(n), conicalOnR3(n)',
        `${S}:rot2dOnR3`,
      ],
      [
        'cylindricalOnR3(n), fullCylindricalOnR3(n)',
        'cylindricalOnR3(n), fullCylindricalOnR3(n)',
        `${S}:cylindricalOnR3`,
      ],
      ['mirOnR3(), invOnR3(), trivialOnR3()', 'mirOnR3(), invOnR3(), trivialOnR3()', `${S}:mirOnR3`],
      ['no_base_space(G)', 'noBaseSpace(G)', `${S}:noBaseSpace`],
      ...same(S, 'escnn.gspaces', ['GSpace', 'GSpace2D', 'GSpace3D', 'GSpace0D']),
      ['gs.fibergroup', 'gs.fibergroup', `${S}:GSpace.fibergroup`],
      ['gs.dimensionality', 'gs.dimensionality', `${S}:GSpace.dimensionality`],
      ['gs.trivial_repr', 'gs.trivialRepr', `${S}:GSpace.trivialRepr`],
      ['gs.regular_repr', 'gs.regularRepr', `${S}:GSpace.regularRepr`],
      ['gs.irreps', 'gs.irreps', `${S}:GSpace.irreps`],
      ['gs.irrep(*id)', 'gs.irrep(...id)', `${S}:GSpace.irrep`],
      ['gs.quotient_repr(id)', 'gs.quotientRepr(id)', `${S}:GSpace.quotientRepr`],
      ['gs.induced_repr(id, repr)', 'gs.inducedRepr(id, repr)', `${S}:GSpace.inducedRepr`],
      ['gs.testing_elements', 'gs.testingElements', `${S}:GSpace.testingElements`],
      ['gs.basespace_action(g)', 'gs.basespaceAction(g)', `${S}:GSpace.basespaceAction`],
      [
        'gs.restrict(id)',
        'gs.restrict(id)',
        `${S}:GSpace.restrict`,
        'returns `{ gspace, inclusion, restriction }`',
      ],
      [
        'gs.build_kernel_basis(in, out, ...)',
        'gs.buildKernelBasis(in, out, options)',
        `${S}:GSpace.buildKernelBasis`,
      ],
      ['gs.featurefield_action(...)', 'gs.featurefieldAction(...)', `${S}:GSpace.featurefieldAction`],
      ['gs.type(*reprs)', 'new FieldType(gs, reprs)', `${F}:FieldType`, 'gspaces may not import TF.js'],
    ],
  },
  {
    title: 'Field types: `escnn.nn` → `@steerable/field-types`',
    rows: [
      ['FieldType(gspace, reprs)', 'new FieldType(gspace, reprs)', `${F}:FieldType`],
      ['t.size', 't.size', `${F}:FieldType.size`],
      ['len(t)', 't.length', `${F}:FieldType.length`],
      ['t.representations', 't.representations', `${F}:FieldType.representations`],
      ['t.representation', 't.representation', `${F}:FieldType.representation`],
      ['t.irreps', 't.irreps', `${F}:FieldType.irreps`],
      ['t.change_of_basis', 't.changeOfBasis', `${F}:FieldType.changeOfBasis`, 'dense, not scipy sparse'],
      ['t.fiber_representation(g)', 't.fiberRepresentation(g)', `${F}:FieldType.fiberRepresentation`],
      ['t1 + t2', 't1.concat(t2)', `${F}:FieldType.concat`, 'methods instead of operators'],
      ['t.index_select(idx)', 't.indexSelect(idx)', `${F}:FieldType.indexSelect`],
      ['t.restrict(id)', 't.restrict(id)', `${F}:FieldType.restrict`],
      ['t.sorted()', 't.sorted()', `${F}:FieldType.sorted`],
      ['t.group_by_labels(labels)', 't.groupByLabels(labels)', `${F}:FieldType.groupByLabels`, 'a `Map`'],
      ['t.fields_start, t.fields_end', 't.fieldsStart, t.fieldsEnd', `${F}:FieldType.fieldsStart`],
      ['t.testing_elements', 't.testingElements', `${F}:FieldType.testingElements`],
      ['t.transform(x, g)', 't.transform(tensor, g)', `${F}:FieldType.transform`],
      ['t(x)', 't.wrap(tensor)', `${F}:FieldType.wrap`],
      ['t1 == t2', 't1.equals(t2)', `${F}:FieldType.equals`],
      ['GeometricTensor(x, t)', 'new GeometricTensor(tensor, t)', `${F}:GeometricTensor`, 'channels-last'],
      ['x.tensor, x.type, x.shape', 'x.tensor, x.type, x.shape', `${F}:GeometricTensor.tensor`],
      ['x.transform(g)', 'x.transform(g)', `${F}:GeometricTensor.transform`],
      ['x.transform_fibers(g)', 'x.transformFibers(g)', `${F}:GeometricTensor.transformFibers`],
      ['x.restrict(id)', 'x.restrict(id)', `${F}:GeometricTensor.restrict`],
      ['x.split(breaks)', 'x.split(breaks)', `${F}:GeometricTensor.split`],
      ['x[:, i:j] (fields)', 'x.sliceFields(i, j)', `${F}:GeometricTensor.sliceFields`],
      ['x + y, x - y, x * s', 'x.add(y), x.sub(y), x.mul(s)', `${F}:GeometricTensor.add`],
      ['tensor_directsum(xs)', 'tensorDirectsum(xs)', `${F}:tensorDirectsum`],
      ['(no counterpart)', 'x.dispose()', `${F}:GeometricTensor.dispose`, 'TF.js memory is manual'],
    ],
  },
  {
    title: 'Modules: `escnn.nn` → `@steerable/nn-equivariant`',
    rows: [
      ['EquivariantModule', 'EquivariantModule', `${N}:EquivariantModule`],
      ['m(x)', 'm.forward(x)', `${N}:EquivariantModule.forward`, 'methods instead of operators'],
      ['m.in_type, m.out_type', 'm.inType, m.outType', `${N}:EquivariantModule.inType`],
      [
        'm.evaluate_output_shape(shape)',
        'm.evaluateOutputShape(shape)',
        `${N}:EquivariantModule.evaluateOutputShape`,
      ],
      [
        'm.check_equivariance(atol, rtol)',
        'm.checkEquivariance({ atol, rtol })',
        `${N}:EquivariantModule.checkEquivariance`,
      ],
      ['m.export()', 'm.export()', `${N}:EquivariantModule.export`, 'a plain `tf.LayersModel`'],
      ['m.train(), m.eval()', 'm.train(), m.eval()', `${N}:EquivariantModule.train`],
      ['m.parameters()', 'm.trainableVariables', `${N}:EquivariantModule.trainableVariables`],
      ['m.state_dict()', 'm.stateDict()', `${N}:EquivariantModule.stateDict`],
      ['m.load_state_dict(d)', 'm.loadStateDict(d)', `${N}:EquivariantModule.loadStateDict`],
      ['(no counterpart)', 'm.dispose()', `${N}:EquivariantModule.dispose`, 'TF.js memory is manual'],
      [
        'R2Conv(in_type, out_type, kernel_size, ...)',
        'new R2Conv(inType, outType, kernelSize, options)',
        `${N}:R2Conv`,
      ],
      [
        'R3Conv(in_type, out_type, kernel_size, ...)',
        'new R3Conv(inType, outType, kernelSize, options)',
        `${N}:R3Conv`,
        'tensors `[batch, depth, height, width, channels]`',
      ],
      ['conv.weights, conv.bias', 'conv.weights, conv.bias', `${N}:R2Conv.weights`],
      ['conv.expand_parameters()', 'conv.expandParameters()', `${N}:R2Conv.expandParameters`],
      ...same(N, 'escnn.nn', [
        'R2ConvTransposed',
        'Linear',
        'ReLU',
        'ELU',
        'LeakyReLU',
        'PointwiseNonLinearity',
        'NormNonLinearity',
        'GatedNonLinearity1',
        'GatedNonLinearity2',
        'GatedNonLinearityUniform',
        'InducedGatedNonLinearity1',
        'InducedNormNonLinearity',
        'ConcatenatedNonLinearity',
        'VectorFieldNonLinearity',
        'TensorProductModule',
        'FourierPointwise',
        'FourierELU',
        'QuotientFourierPointwise',
        'QuotientFourierELU',
        'InnerBatchNorm',
        'IIDBatchNorm1d',
        'IIDBatchNorm2d',
        'NormBatchNorm',
        'GNormBatchNorm',
        'InducedNormBatchNorm',
        'FieldNorm',
        'PointwiseMaxPool2D',
        'PointwiseAvgPool2D',
        'PointwiseMaxPoolAntialiased2D',
        'PointwiseAvgPoolAntialiased2D',
        'PointwiseAdaptiveAvgPool2D',
        'PointwiseAdaptiveMaxPool2D',
        'NormMaxPool',
        'GroupPooling',
        'NormPool',
        'InducedNormPool',
        'MaxPoolChannels',
        'PointwiseDropout',
        'FieldDropout',
        'SequentialModule',
        'IdentityModule',
        'RestrictionModule',
        'DisentangleModule',
        'BranchingModule',
        'MergeModule',
        'MultipleModule',
        'ReshuffleModule',
        'MaskModule',
        'R2Upsampling',
      ]),
      [
        'PointwiseMaxPool, PointwiseAvgPool',
        'PointwiseMaxPool2D, PointwiseAvgPool2D',
        `${N}:PointwiseMaxPool2D`,
        "escnn's aliases",
      ],
      ['torch.nn.ModuleList', 'ModuleList', `${N}:ModuleList`],
      ['escnn.nn.init.generalized_he_init', 'generalizedHeInit', `${N}:generalizedHeInit`],
      ['escnn.nn.init.deltaorthonormal_init', 'deltaOrthonormalInit', `${N}:deltaOrthonormalInit`],
      [
        'torch.set_default_device / .cuda()',
        'initBackend({ backend })',
        `${N}:initBackend`,
        'see the backends guide',
      ],
    ],
  },
  {
    title: 'Keyword arguments → options objects',
    rows: [
      ['R2Conv(..., padding=1)', '{ padding: 1 }', `${N}:R2ConvOptions.padding`],
      ['stride, dilation, groups, bias', 'stride, dilation, groups, bias', `${N}:R2ConvOptions.stride`],
      ['padding_mode', 'paddingMode', `${N}:R2ConvOptions.paddingMode`],
      ['sigma, rings', 'sigma, rings', `${N}:R2ConvOptions.sigma`],
      ['frequencies_cutoff', 'frequenciesCutoff', `${N}:R2ConvOptions.frequenciesCutoff`],
      ['maximum_offset', 'maximumOffset', `${N}:R2ConvOptions.maximumOffset`],
      ['basis_filter', 'basisFilter', `${N}:R2ConvOptions.basisFilter`],
      ['initialize', 'initialize', `${N}:R2ConvOptions.initialize`],
      ['(torch.manual_seed)', 'seed', `${N}:R2ConvOptions.seed`, 'per layer, no global generator'],
      [
        'InnerBatchNorm(..., eps, momentum, affine)',
        '{ eps, momentum, affine }',
        `${N}:BatchNormOptions.eps`,
      ],
      [
        'PointwiseAvgPool2D(t, kernel_size, stride, padding)',
        'new PointwiseAvgPool2D(t, kernelSize, { stride, padding })',
        `${N}:PointwiseAvgPool2DOptions.stride`,
      ],
      ['ReLU(t, inplace=False)', 'new ReLU(t)', `${N}:ReLU`, 'TF.js tensors are immutable: no `inplace`'],
    ],
  },
  {
    title: "Testing: escnn's test helpers → `@steerable/testing`",
    rows: [
      [
        'm.check_equivariance()',
        'certifyEquivariance(m)',
        `${T}:certifyEquivariance`,
        'seeded, property-based',
      ],
      ["(group axioms in escnn's tests)", 'assertGroupLaws(G)', `${T}:assertGroupLaws`],
    ],
  },
];

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function code(text: string): string {
  return text.startsWith('(') ? cell(text) : `\`${cell(text)}\``;
}

/** The sections as markdown tables. */
export function renderTables(sections: readonly Section[] = SECTIONS): string {
  return sections
    .map((s) => {
      const lines = [
        `### ${s.title}`,
        '',
        '| escnn | steerable | package | note |',
        '| --- | --- | --- | --- |',
      ];
      for (const [escnn, here, checks, note] of s.rows) {
        const pkg = checks.slice(0, checks.indexOf(':'));
        lines.push(`| ${code(escnn)} | ${code(here)} | \`@steerable/${pkg}\` | ${cell(note ?? '')} |`);
      }
      return lines.join('\n');
    })
    .join('\n\n');
}
