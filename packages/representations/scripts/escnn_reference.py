"""Dumps escnn's planar-group representations (irreps, change of basis, names, nonlinearities) as JSON.

Run with escnn 1.0.13 importable (its `escnn.group` module only; planar groups need neither torch nor
lie_learn, which may be stubbed):  python3 escnn_reference.py ../fixtures/escnn-representations.json
"""
import json
import sys

import numpy as np
import escnn
from escnn.group import (cyclic_group, dihedral_group, so2_group, o2_group, directsum, disentangle,
                         homomorphism_space)


def jid(i):
    """escnn subgroup id -> JSON (None -> null, tuple -> list)."""
    if isinstance(i, tuple):
        return [jid(x) for x in i]
    return i


def dump(rep):
    return {
        "name": rep.name,
        "size": rep.size,
        "irreps": [list(i) for i in rep.irreps],
        "change_of_basis": np.asarray(rep.change_of_basis, dtype=float).tolist(),
        "supported_nonlinearities": sorted(rep.supported_nonlinearities),
    }


def group_spec(G):
    if G.name.startswith("C"):
        return {"family": "cyclic", "N": G.order()}
    if G.name.startswith("D"):
        return {"family": "dihedral", "N": G.rotation_order}
    if G.name == "SO(2)":
        return {"family": "so2", "maximum_frequency": G._maximum_frequency}
    return {"family": "o2", "maximum_frequency": G._maximum_frequency}


cases = []


def add(kind, G, r, **args):
    entry = {"kind": kind, "group": group_spec(G), "args": args}
    entry.update(dump(r))
    cases.append(entry)


finite = [(cyclic_group(4), [2, 1]), (cyclic_group(8), [4, 2]), (cyclic_group(5), [1]),
          (dihedral_group(3), [(None, 3), (0, 1), (1, 1), (None, 1)]),
          (dihedral_group(4), [(None, 4), (None, 2), (0, 2), (1, 2), (0, 1), (1, 1)])]

for G, sgids in finite:
    reg = G.regular_representation
    add("regular", G, reg)
    for sg in sgids:
        add("quotient", G, G.quotient_representation(sg), subgroup=jid(sg))
        add("restrict", G, reg.restrict(sg), subgroup=jid(sg), rep="regular")
        H = G.subgroup(sg)[0]
        for psi in H.irreps():
            add("induced", G, G.induced_representation(sg, psi), subgroup=jid(sg), psi=list(psi.id))
        for irr in G.irreps():
            add("restrict", G, irr.restrict(sg), subgroup=jid(sg), irrep=list(irr.id))
    irreps = G.irreps()
    for a in irreps:
        for b in irreps:
            add("tensor", G, a.tensor(b), left=list(a.id), right=list(b.id))
    add("tensor", G, reg.tensor(irreps[1]), left="regular", right=list(irreps[1].id))

for L in [0, 1, 3]:
    S = so2_group(3)
    add("bl_regular", S, S.bl_regular_representation(L), L=L)
    O = o2_group(3)
    add("bl_regular", O, O.bl_regular_representation(L), L=L)

S = so2_group(3)
for sg in [1, 2, 3, 4, 5]:
    for irr in [S.irrep(k) for k in range(4)]:
        add("restrict", S, irr.restrict(sg), subgroup=sg, irrep=list(irr.id))
for a in range(3):
    for b in range(3):
        add("tensor", S, S.irrep(a).tensor(S.irrep(b)), left=[a], right=[b])

O = o2_group(3)
for sg in [(None, -1), (None, 1), (None, 2), (None, 3), (0., 1), (1., 1), (0., 2), (0.5, 3), (0., 3)]:
    for irr in O.irreps():
        add("restrict", O, irr.restrict(sg), subgroup=jid(sg), irrep=list(irr.id))
escnn_failures = []
for psi in so2_group(3).irreps():
    try:
        add("induced", O, O.induced_representation((None, -1), psi), subgroup=[None, -1], psi=list(psi.id))
    except Exception as e:  # escnn 1.0.13 cannot build some of these
        escnn_failures.append({"call": f"o2_group(3).induced_representation((None, -1), {psi})", "error": repr(e)})
try:
    add("quotient", O, O.quotient_representation((None, -1)), subgroup=[None, -1])
except Exception as e:
    escnn_failures.append({"call": "o2_group(3).quotient_representation((None, -1))", "error": repr(e)})
for a in O.irreps():
    for b in O.irreps():
        try:
            add("tensor", O, a.tensor(b), left=list(a.id), right=list(b.id))
        except Exception as e:  # escnn's numerical O(2) decomposition needs the sum frequency instantiated
            escnn_failures.append({"call": f"o2_group(3).irrep{a.id}.tensor(irrep{b.id})", "error": type(e).__name__})

# spectral (band-limited) representations used by Fourier nonlinearities
for G, L in [(cyclic_group(8), 2), (cyclic_group(8), 4), (dihedral_group(4), 1), (dihedral_group(4), 2),
             (dihedral_group(3), 1), (so2_group(3), 3), (o2_group(3), 2)]:
    ids = G.bl_irreps(L)
    add("spectral_regular", G, G.spectral_regular_representation(*ids), irreps=[list(i) for i in ids])
for G, sg, L in [(dihedral_group(4), (0, 2), 2), (dihedral_group(4), (None, 2), 2), (cyclic_group(8), 2, 4),
                 (o2_group(3), (None, -1), 3), (o2_group(3), (0., 1), 2), (o2_group(3), (None, 2), 3)]:
    ids = G.bl_irreps(L)
    add("spectral_quotient", G, G.spectral_quotient_representation(sg, *ids), subgroup=jid(sg),
        irreps=[list(i) for i in ids])
O = o2_group(3)
for sg, L in [((None, -1), 2), ((0., 1), 2), ((None, 2), 3), ((0., 2), 3)]:
    add("bl_quotient", O, O.bl_quotient_representation(L, sg), subgroup=jid(sg), L=L)

# homogeneous spaces: escnn's _dirac_kernel_ft (the basis at the identity)
homspaces = []
for G, sgids in finite + [(so2_group(3), [1, 2, 3]), (o2_group(3), [(None, -1), (0., 1), (None, 2), (0., 2)])]:
    for sg in sgids:
        X = G.homspace(sg)
        for rho in G.irreps():
            for psi in X.H.irreps():
                B = X._dirac_kernel_ft(rho.id, psi.id)
                homspaces.append({"group": group_spec(G), "subgroup": jid(sg), "rho": list(rho.id),
                                  "psi": list(psi.id), "shape": list(B.shape), "basis": B.tolist()})

# disentangle of restricted regular representations
disentangled = []
for G, sgids in finite:
    for sg in sgids:
        rep = G.regular_representation.restrict(sg)
        P, reps = disentangle(rep)
        disentangled.append({"group": group_spec(G), "subgroup": jid(sg), "permutation": P.tolist(),
                             "blocks": [dump(r) for r in reps]})

# homomorphism spaces
homs = []
for G in [cyclic_group(4), dihedral_group(3)]:
    reg = G.regular_representation
    irreps = G.irreps()
    for a, b in [(reg, reg), (irreps[1], reg), (reg, irreps[-1])]:
        B = homomorphism_space(a, b)
        homs.append({"group": group_spec(G), "in": a.name, "out": b.name, "basis": B.tolist()})

json.dump({
    "meta": {"escnn_version": escnn.__version__, "numpy": np.__version__,
             "notes": "escnn.group run from source (torch/lie_learn stubbed, unused by planar groups); "
                      "matrices row-major; subgroup ids with None -> null and tuples -> lists"},
    "representations": cases, "homspaces": homspaces, "disentangle": disentangled,
    "homomorphisms": homs, "escnn_failures": escnn_failures,
}, open(sys.argv[1], "w"))
