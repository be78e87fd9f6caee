/**
 * The direct product `G1 × G2` of two groups (escnn's `DirectProductGroup` / `direct_product`). An element is
 * the pair `[g1, g2]` of the factors' elements, in the parametrization `'[p1 | p2]'` (escnn's format, e.g.
 * `'[int | radians]'`); the default is `'[G1.defaultParam | G2.defaultParam]'`.
 */
import { Matrix } from 'ml-matrix';
import { GroupElement } from './element.js';
import { InvalidArgumentError, UnknownIrrepError, UnknownSubgroupError } from './errors.js';
import {
  Group,
  type IrrepId,
  type RestrictedIrrep,
  type SampleOptions,
  type SubgroupMap,
  type TensorProductTerm,
} from './group.js';
import { numericalTensorProductIrreps } from './internal/clebsch-gordan.js';
import { decomposeNumerically, orderCandidates } from './internal/decompose.js';
import {
  type ProductKind,
  productEmbedding,
  productEndomorphisms,
  productMatrix,
  productShape,
} from './internal/product-irreps.js';
import { kroneckerClebschGordan, productSubgroupMap } from './internal/product-subgroup.js';
import { checkIrrepId, IrreducibleRepresentation } from './irrep.js';

/** An element's canonical value: the pair of the factors' canonical values. */
export type ProductValue = readonly [unknown, unknown];

/** A product irrep id split into the factors' ids and escnn's index `i` (escnn's id `(id1, id2, i)`). */
export interface ProductIrrepId {
  readonly id1: IrrepId;
  readonly id2: IrrepId;
  readonly i: number;
}

/** One factor's grid in {@link ProductGridOptions}: the arguments of its `grid(type, n, options)`. */
export interface FactorGrid {
  readonly type: string;
  readonly n: number;
  readonly options?: SampleOptions;
}

/** Options of {@link DirectProductGroup.grid}: escnn's `G1_*` / `G2_*` keywords of the `'product'` grid. */
export interface ProductGridOptions extends SampleOptions {
  /** The grid of G1 (required by the `'product'` type). */
  readonly grid1?: FactorGrid;
  /** The grid of G2 (required by the `'product'` type). */
  readonly grid2?: FactorGrid;
}

/** escnn's tuple repr of an id: `(1,)`, `(1, 2)`. */
export function pythonTuple(id: readonly (number | string)[]): string {
  return id.length === 1 ? `(${id[0]},)` : `(${id.join(', ')})`;
}

const SEED_SALT = 0x2545f491;

/**
 * The direct product `G1 × G2`, `(a1, a2)(b1, b2) = (a1 b1, a2 b2)`; build it with {@link directProduct}.
 *
 * Irreps: the tensor products of the factors' irreps (escnn's ids `(id1, id2, i)`, written here flattened as
 * `[...id1, ...id2, i]`, names `irrep_[(1,),(0,)](0)`), two of them (`i = 0, 1`) for two complex-type irreps.
 * Subgroups `[id1, id2]`: the products `H1 × H2` of subgroups of the factors (only those, as escnn); when one of
 * them is trivial the subgroup is the other one itself.
 * @see escnn's `escnn.group.DirectProductGroup`
 */
export class DirectProductGroup extends Group<ProductValue> {
  readonly name: string;
  readonly continuous: boolean;
  readonly defaultParam: string;
  readonly parametrizations: readonly string[];
  readonly key: string;
  /** The first factor. */
  readonly G1: Group;
  /** The second factor. */
  readonly G2: Group;
  readonly #split = new Map<string, [string, string]>();
  readonly #irreps = new Map<string, IrreducibleRepresentation>();
  readonly #kinds = new Map<string, ProductKind>();
  readonly #n1: number;
  readonly #n2: number;
  #elements: readonly GroupElement<ProductValue>[] | undefined;

  /** @internal use {@link directProduct} */
  constructor(G1: Group, G2: Group, name?: string, fn = 'directProduct') {
    super();
    if (!(G1 instanceof Group)) throw new InvalidArgumentError(fn, 'G1', G1, 'must be a Group');
    if (!(G2 instanceof Group)) throw new InvalidArgumentError(fn, 'G2', G2, 'must be a Group');
    if (name !== undefined && (typeof name !== 'string' || name.length === 0))
      throw new InvalidArgumentError(fn, 'name', name, 'must be a non-empty string');
    this.G1 = G1;
    this.G2 = G2;
    this.name = name ?? `${G1.name} X ${G2.name}`;
    this.continuous = G1.continuous || G2.continuous;
    this.key = `product(${G1.key},${G2.key})`;
    this.defaultParam = `[${G1.defaultParam} | ${G2.defaultParam}]`;
    const params: string[] = [];
    for (const p1 of G1.parametrizations)
      for (const p2 of G2.parametrizations) {
        const p = `[${p1} | ${p2}]`;
        params.push(p);
        this.#split.set(p, [p1, p2]);
      }
    this.parametrizations = Object.freeze(params);
    this.#n1 = G1.trivialRepresentation.id.length;
    this.#n2 = G2.trivialRepresentation.id.length;
  }

  order(): number {
    const o1 = this.G1.order();
    const o2 = this.G2.order();
    return o1 < 0 || o2 < 0 ? -1 : o1 * o2;
  }

  /** escnn's `subgroup_trivial_id`: the pair of the factors' trivial ids. */
  get subgroupTrivialId(): unknown {
    return [this.G1.subgroupTrivialId, this.G2.subgroupTrivialId];
  }
  /** escnn's `subgroup_self_id`: the pair of the factors' self ids. */
  get subgroupSelfId(): unknown {
    return [this.G1.subgroupSelfId, this.G2.subgroupSelfId];
  }
  /** escnn's `subgroup1_id`: the subgroup `G1 × {e}`, i.e. G1. */
  get subgroup1Id(): unknown {
    return [this.G1.subgroupSelfId, this.G2.subgroupTrivialId];
  }
  /** escnn's `subgroup2_id`: the subgroup `{e} × G2`, i.e. G2. */
  get subgroup2Id(): unknown {
    return [this.G1.subgroupTrivialId, this.G2.subgroupSelfId];
  }

  protected parse(value: unknown, param: string, fn: string): ProductValue {
    const [p1, p2] = this.#split.get(param)!;
    const expectation = `must be a pair [g1, g2] of an element of ${this.G1.name} ('${p1}') and one of ${this.G2.name} ('${p2}')`;
    if (!Array.isArray(value) || value.length !== 2)
      throw new InvalidArgumentError(fn, 'value', value, expectation);
    try {
      return Object.freeze([
        this.G1.element(value[0], p1).value,
        this.G2.element(value[1], p2).value,
      ] as const);
    } catch (error) {
      if (error instanceof InvalidArgumentError)
        throw new InvalidArgumentError(fn, 'value', value, expectation);
      throw error;
    }
  }
  protected format(value: ProductValue, param: string): unknown {
    const [p1, p2] = this.#split.get(param)!;
    return [this.G1._format(value[0], p1), this.G2._format(value[1], p2)];
  }
  protected multiply(a: ProductValue, b: ProductValue): ProductValue {
    return Object.freeze([this.G1._multiply(a[0], b[0]), this.G2._multiply(a[1], b[1])] as const);
  }
  protected invert(a: ProductValue): ProductValue {
    return Object.freeze([this.G1._invert(a[0]), this.G2._invert(a[1])] as const);
  }
  protected valuesEqual(a: ProductValue, b: ProductValue, tolerance: number): boolean {
    return this.G1._valuesEqual(a[0], b[0], tolerance) && this.G2._valuesEqual(a[1], b[1], tolerance);
  }
  protected identityValue(): ProductValue {
    return Object.freeze([this.G1.identity.value, this.G2.identity.value] as const);
  }
  protected describe(value: ProductValue): string {
    return `${this.G1._describe(value[0])} ; ${this.G2._describe(value[1])}`;
  }

  /** The element `(g1, g2)` (escnn's `pair_elements`). */
  pairElements(g1: GroupElement, g2: GroupElement): GroupElement<ProductValue> {
    const fn = `${this.name}.pairElements`;
    const a = this.G1.checkElement(g1, fn, 'g1');
    const b = this.G2.checkElement(g2, fn, 'g2');
    return new GroupElement<ProductValue>(this, Object.freeze([a.value, b.value] as const));
  }
  /** The factors `[g1, g2]` of `g` (escnn's `split_element`). */
  splitElement(g: GroupElement): [GroupElement, GroupElement] {
    const { value } = this.checkElement(g, `${this.name}.splitElement`);
    return [new GroupElement(this.G1, value[0]), new GroupElement(this.G2, value[1])];
  }
  /** `(g1, e)` (escnn's `inclusion1`). */
  inclusion1(g1: GroupElement): GroupElement<ProductValue> {
    return this.pairElements(g1, this.G2.identity);
  }
  /** `(e, g2)` (escnn's `inclusion2`). */
  inclusion2(g2: GroupElement): GroupElement<ProductValue> {
    return this.pairElements(this.G1.identity, g2);
  }

  /** All pairs, G1's element outer (escnn's order); finite groups only. */
  get elements(): readonly GroupElement<ProductValue>[] {
    if (this.continuous) throw this.noFiniteElements();
    this.#elements ??= Object.freeze(
      this.G1.elements.flatMap((a) => this.G2.elements.map((b) => this.pairElements(a, b))),
    );
    return this.#elements;
  }
  /** G1's generators included as `(g1, e)`, then G2's as `(e, g2)`. */
  get generators(): readonly GroupElement<ProductValue>[] {
    return [
      ...this.G1.generators.map((g) => this.inclusion1(g)),
      ...this.G2.generators.map((g) => this.inclusion2(g)),
    ];
  }
  /** The pairs of the factors' testing elements, G1's outer (escnn's `testing_elements`). */
  get testingElements(): readonly GroupElement<ProductValue>[] {
    return this.G1.testingElements.flatMap((a) =>
      this.G2.testingElements.map((b) => this.pairElements(a, b)),
    );
  }

  /** `n` pairs of independent Haar samples of the factors (G2's stream from a salted seed). */
  sample(n: number, options?: SampleOptions): GroupElement<ProductValue>[] {
    const fn = `${this.name}.sample`;
    const count = this.checkCount(fn, n);
    const seed = this.checkSeed(fn, options);
    const a = this.G1.sample(count, { seed });
    const b = this.G2.sample(count, { seed: seed ^ SEED_SALT });
    return a.map((g1, k) => this.pairElements(g1, b[k]!));
  }

  /**
   * escnn's `grid`: `'rand'` gives `n` random pairs (as {@link DirectProductGroup.sample}); `'product'` the pairs
   * of `G1.grid(grid1)` and `G2.grid(grid2)` (G1's outer), of which there must be `n`.
   * @throws InvalidArgumentError for another type, missing factor grids or a wrong `n`.
   */
  grid(type: string, n: number, options?: ProductGridOptions): GroupElement<ProductValue>[] {
    const fn = `${this.name}.grid`;
    const count = this.checkCount(fn, n);
    if (type === 'rand') return this.sample(count, options);
    if (type !== 'product') throw new InvalidArgumentError(fn, 'type', type, "must be 'rand' or 'product'");
    const factor = (G: Group, spec: FactorGrid | undefined, argument: string) => {
      if (spec === undefined || typeof spec !== 'object')
        throw new InvalidArgumentError(
          fn,
          argument,
          spec,
          "must be given for the 'product' grid: { type, n, options? }",
        );
      return G.grid(spec.type, spec.n, spec.options);
    };
    const a = factor(this.G1, options?.grid1, 'options.grid1');
    const b = factor(this.G2, options?.grid2, 'options.grid2');
    if (a.length * b.length !== count)
      throw new InvalidArgumentError(
        fn,
        'n',
        n,
        `must be the size of the product grid, ${a.length * b.length}`,
      );
    return a.flatMap((g1) => b.map((g2) => this.pairElements(g1, g2)));
  }

  /** The trivial irrep (escnn's `trivial_representation`). */
  override get trivialRepresentation(): IrreducibleRepresentation {
    return this.productIrrep(this.G1.trivialRepresentation.id, this.G2.trivialRepresentation.id);
  }

  /** The products of the factors' `irreps()`, G1's outer, `i = 0` before `i = 1` (escnn's order). */
  irreps(): readonly IrreducibleRepresentation[] {
    const out: IrreducibleRepresentation[] = [];
    for (const psi1 of this.G1.irreps())
      for (const psi2 of this.G2.irreps()) {
        out.push(this.productIrrep(psi1.id, psi2.id, 0));
        if (psi1.type === 'C' && psi2.type === 'C') out.push(this.productIrrep(psi1.id, psi2.id, 1));
      }
    return out;
  }

  /**
   * Splits a flattened product irrep id `[...id1, ...id2, i]` (or `[...id1, ...id2]`, `i = 0`).
   * @throws UnknownIrrepError when its length does not fit the factors' ids.
   */
  splitIrrepId(id: IrrepId): ProductIrrepId {
    const fn = `${this.name}.splitIrrepId`;
    checkIrrepId(fn, id);
    const n = this.#n1 + this.#n2;
    if (id.length !== n && id.length !== n + 1) throw new UnknownIrrepError(fn, this.name, id);
    return {
      id1: id.slice(0, this.#n1),
      id2: id.slice(this.#n1, n),
      i: id.length === n ? 0 : id[n]!,
    };
  }

  /**
   * The irrep with the flattened id `[...id1, ...id2, i]` (`i` may be left out when 0).
   * @throws UnknownIrrepError for an id the group does not have.
   */
  irrep(...id: number[]): IrreducibleRepresentation {
    const { id1, id2, i } = this.splitIrrepId(id);
    return this.buildIrrep(id1, id2, i, `${this.name}.irrep`, id);
  }

  /**
   * The irrep `psi1 ⊗ psi2` (`i = 0`), or for two complex-type irreps also the one with `psi2` conjugated
   * (`i = 1`): escnn's `irrep(id1, id2, i)`.
   * @throws UnknownIrrepError for ids the factors do not have or an invalid `i`.
   */
  productIrrep(id1: IrrepId, id2: IrrepId, i = 0): IrreducibleRepresentation {
    const fn = `${this.name}.productIrrep`;
    checkIrrepId(fn, id1);
    checkIrrepId(fn, id2);
    return this.buildIrrep(id1, id2, i, fn, [id1, id2, i]);
  }

  private buildIrrep(
    id1: IrrepId,
    id2: IrrepId,
    i: number,
    fn: string,
    asked: unknown,
  ): IrreducibleRepresentation {
    const key = `${id1.join(',')}|${id2.join(',')}|${i}`;
    const cached = this.#irreps.get(key);
    if (cached !== undefined) return cached;
    const reject = () => new UnknownIrrepError(fn, this.name, asked as unknown[]);
    let psi1: IrreducibleRepresentation;
    let psi2: IrreducibleRepresentation;
    try {
      psi1 = this.G1.irrep(...id1);
      psi2 = this.G2.irrep(...id2);
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw reject();
      throw error;
    }
    const shape = Number.isInteger(i)
      ? productShape(psi1.type, psi1.dimension, psi2.type, psi2.dimension, i, fn)
      : null;
    if (shape === null) throw reject();
    const { kind, type, dimension } = shape;
    const d1 = psi1.dimension;
    const d2 = psi2.dimension;
    const G1 = this.G1;
    const G2 = this.G2;
    const irrep = new IrreducibleRepresentation(this, {
      id: [...psi1.id, ...psi2.id, i],
      name: `irrep_[${this.escnnId(psi1)},${this.escnnId(psi2)}](${i})`,
      dimension,
      type,
      matrix: (v) => {
        const [a, b] = v as ProductValue;
        const m1 = psi1.matrixData(new GroupElement(G1, a));
        return productMatrix(kind, m1, d1, psi2.matrixData(new GroupElement(G2, b)), d2);
      },
      endomorphismBasis: productEndomorphisms(
        kind,
        d1,
        psi1.endomorphismBasis().map(flat),
        d2,
        psi2.endomorphismBasis().map(flat),
      ),
      supportedNonlinearities: ['norm', 'gated'],
    });
    this.#irreps.set(key, irrep);
    this.#kinds.set(irrep.id.join(','), kind);
    return irrep;
  }

  /** escnn's printed id of a factor's irrep (a nested tuple for a product factor). */
  private escnnId(psi: IrreducibleRepresentation): string {
    const G = psi.group;
    if (G instanceof DirectProductGroup) {
      const { id1, id2, i } = G.splitIrrepId(psi.id);
      return `(${G.escnnId(G.G1.irrep(...id1))}, ${G.escnnId(G.G2.irrep(...id2))}, ${i})`;
    }
    return pythonTuple(psi.id);
  }

  /** The kind of a built product irrep and its embedding in the tensor product of its factors. */
  private parts(psi: IrreducibleRepresentation) {
    const { id1, id2, i } = this.splitIrrepId(psi.id);
    const psi1 = this.G1.irrep(...id1);
    const psi2 = this.G2.irrep(...id2);
    const kind = this.#kinds.get(psi.id.join(','))!;
    return { id1, id2, i, psi1, psi2, kind, E: productEmbedding(kind, psi1.dimension, psi2.dimension) };
  }

  protected buildSubgroup(id: unknown, fn: string): SubgroupMap {
    if (!Array.isArray(id) || id.length !== 2) throw new UnknownSubgroupError(fn, this.name, id);
    return productSubgroupMap(this, id, fn, directProduct);
  }

  /**
   * escnn's `_combine_subgroups`, factor by factor; when the subgroup `id1` is one factor's subgroup alone
   * (the other trivial), `id2` is an id of that factor's subgroup.
   */
  protected combineSubgroupIds(map: SubgroupMap, id2: unknown): unknown {
    const [a, b] = map.id as [unknown, unknown];
    if (this.G1.subgroup(a).subgroup.order() === 1) return [a, this.G2.combineSubgroups(b, id2)];
    if (this.G2.subgroup(b).subgroup.order() === 1) return [this.G1.combineSubgroups(a, id2), b];
    const [c, d] = id2 as [unknown, unknown];
    return [this.G1.combineSubgroups(a, c), this.G2.combineSubgroups(b, d)];
  }

  /**
   * The subgroup's irreps that can occur in the restriction of `irrep`: the products of those in the factors'
   * restrictions (escnn decomposes the restriction numerically; so does `decomposeNumerically`).
   */
  protected restrictionCandidates(
    irrep: IrreducibleRepresentation,
    map: SubgroupMap,
  ): IrreducibleRepresentation[] {
    const [a, b] = map.id as [unknown, unknown];
    const { id1, id2 } = this.splitIrrepId(irrep.id);
    const r1 = this.G1.restrictIrrep(id1, a).irreps;
    const r2 = this.G2.restrictIrrep(id2, b).irreps;
    const H = map.subgroup;
    if (this.G1.subgroup(a).subgroup.order() === 1) return r2.map((k) => H.irrep(...k));
    if (this.G2.subgroup(b).subgroup.order() === 1) return r1.map((k) => H.irrep(...k));
    const P = H as DirectProductGroup;
    const out: IrreducibleRepresentation[] = [];
    for (const k1 of r1)
      for (const k2 of r2) {
        out.push(P.productIrrep(k1, k2, 0));
        if (P.G1.irrep(...k1).type === 'C' && P.G2.irrep(...k2).type === 'C')
          out.push(P.productIrrep(k1, k2, 1));
      }
    return out;
  }

  /** The identity on the trivial subgroup (escnn), else the numerical decomposition over the candidates. */
  protected restrictIrrepImpl(
    irrep: IrreducibleRepresentation,
    map: SubgroupMap,
    fn: string,
  ): RestrictedIrrep {
    const H = map.subgroup;
    if (H.order() === 1)
      return Object.freeze({
        irreps: Object.freeze(Array.from({ length: irrep.dimension }, () => H.trivialRepresentation.id)),
        changeOfBasis: Matrix.eye(irrep.dimension),
      });
    const candidates = orderCandidates(H, this.restrictionCandidates(irrep, map));
    return decomposeNumerically((h) => irrep.at(map.inclusion(h)), irrep.dimension, H, candidates, fn);
  }

  /** The products of the terms of the factors' decompositions, G1's outer (escnn's `irreps()` order). */
  private productTerms(m: IrreducibleRepresentation, n: IrreducibleRepresentation): TensorProductTerm[] {
    const pm = this.splitIrrepId(m.id);
    const pn = this.splitIrrepId(n.id);
    const terms: TensorProductTerm[] = [];
    for (const t1 of this.G1.tensorProductIrreps(pm.id1, pn.id1))
      for (const t2 of this.G2.tensorProductIrreps(pm.id2, pn.id2)) {
        const multiplicity = t1.multiplicity * t2.multiplicity;
        const both = this.G1.irrep(...t1.id).type === 'C' && this.G2.irrep(...t2.id).type === 'C';
        for (const i of both ? [0, 1] : [0])
          terms.push(Object.freeze({ id: this.productIrrep(t1.id, t2.id, i).id, multiplicity }));
      }
    return terms;
  }

  /**
   * Closed form: `psi_m ⊗ psi_n` is (up to a permutation) `(psi_m1 ⊗ psi_n1) ⊗ (psi_m2 ⊗ psi_n2)`, so its terms are
   * the products of the factors' terms. For an irrep of two complex factors (half of their tensor product) the
   * same products are the candidates and the multiplicities are solved numerically.
   */
  protected override computeTensorProductIrreps(
    m: IrreducibleRepresentation,
    n: IrreducibleRepresentation,
    fn: string,
  ): TensorProductTerm[] {
    const terms = this.productTerms(m, n);
    if (!this.isSplit(m) && !this.isSplit(n)) return terms;
    return numericalTensorProductIrreps(
      m,
      n,
      terms.map((t) => this.irrep(...t.id)),
      fn,
    );
  }

  private isSplit(psi: IrreducibleRepresentation): boolean {
    const kind = this.#kinds.get(psi.id.join(','));
    return kind === 'complex0' || kind === 'complex1';
  }

  /**
   * Closed form for `psi_m`, `psi_n` not of two complex factors: the Kronecker product of the factors'
   * coefficients `C1 ⊗ C2` (rows regrouped as `(m, n)`, columns as `(s1 s2, c1 c2)`), between the embeddings:
   * `(E_m ⊗ E_n)ᵀ (C1 ⊗ C2) (I_S ⊗ E_j)`. Otherwise the numerical solver.
   */
  protected override computeClebschGordan(
    m: IrreducibleRepresentation,
    n: IrreducibleRepresentation,
    j: IrreducibleRepresentation,
  ): Matrix {
    if (this.isSplit(m) || this.isSplit(n)) return super.computeClebschGordan(m, n, j);
    const pm = this.parts(m);
    const pn = this.parts(n);
    const pj = this.parts(j);
    const C1 = this.G1.clebschGordan(pm.id1, pn.id1, pj.id1);
    const C2 = this.G2.clebschGordan(pm.id2, pn.id2, pj.id2);
    if (C1.columns === 0 || C2.columns === 0) return new Matrix(m.dimension * n.dimension, 0);
    return kroneckerClebschGordan(C1, C2, pm, pn, pj);
  }
}

function flat(m: Matrix): Float64Array {
  return Float64Array.from(m.to1DArray());
}

/**
 * The direct product `G1 × G2` (escnn's `direct_product(G1, G2, name=None)`), named `name` or
 * `"<G1> X <G2>"`. A fresh instance; products of equal factors are equal whatever their names (as escnn).
 * @throws InvalidArgumentError unless `G1`, `G2` are groups and `name` a non-empty string when given.
 * @see escnn's `escnn.group.direct_product`
 */
export function directProduct(G1: Group, G2: Group, name?: string): DirectProductGroup {
  return new DirectProductGroup(G1, G2, name);
}
