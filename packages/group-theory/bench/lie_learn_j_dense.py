"""Writes lie_learn's Pinchon-Hoggan J matrices, which escnn's SO(3)/O(3) Wigner D needs, for an escnn setup whose
lie_learn source lacks lie_learn/representations/SO3/pinchon_hoggan/J_dense_0-150.npy (a large binary that
source snapshots may omit; lie_learn's own converter reads Pinchon & Hoggan's Maple output). Not run by CI.

J_l is the action of the involution P: (x, y, z) -> (x, -z, -y) on degree-l real spherical harmonics in
Pinchon & Hoggan's basis, m = -l..l: orthonormal, proportional with a POSITIVE factor to
    P_l^|m|(cos theta) * (cos(m phi) for m > 0, 1 for m = 0, sin(|m| phi) for m < 0),
P_l^m the associated Legendre function WITHOUT the Condon-Shortley phase (for l = 1: y, z, x):
    Y(P v) = J_l Y(v).
Y is lie_learn's orthonormal rsh(quantum, cs) with each row's sign fixed to that convention.
For l = 1 (basis y, z, x) this gives [[0,-1,0],[-1,0,0],[0,0,1]], the matrix hard-coded in lie_learn's parser.
P is symmetric and orthogonal, so J_l is symmetric and J_l^2 = I; both are checked.
scipy's Legendre functions overflow near l = 86, so L_MAX = 80 (escnn's SO(3) below frequency 80 needs no more).
With escnn's SO(3) irreps built on these matrices, irreps 0..2 match escnn's values in the shared reference
groups.json to 2e-15, irreps 0..8 are orthogonal homomorphisms to 1e-14, and escnn's analytic (py3nj)
Clebsch-Gordan tensors for l1, l2 <= 4 intertwine them to 6e-15, which pins each irrep's basis signs up to l = 8.
Usage (lie_learn importable): python3 lie_learn_j_dense.py 80 <lie_learn>/representations/SO3/pinchon_hoggan/J_dense_0-150.npy
"""
import sys
import numpy as np
from scipy.special import lpmv
from lie_learn.representations.SO3.spherical_harmonics import rsh

L_MAX = int(sys.argv[1])
out = sys.argv[2]
rng = np.random.default_rng(0)


def Y(l, v):
    r = np.linalg.norm(v, axis=1)
    theta = np.arccos(np.clip(v[:, 2] / r, -1, 1))
    phi = np.arctan2(v[:, 1], v[:, 0]) % (2 * np.pi)
    rows = []
    for m in range(-l, l + 1):
        y = rsh(l, m, theta, phi, normalization='quantum', condon_shortley=True)
        am = abs(m)
        # scipy's lpmv includes the Condon-Shortley phase (-1)^m: remove it
        ref = (-1.0) ** am * lpmv(am, l, np.cos(theta))
        ref = ref * (np.cos(m * phi) if m > 0 else np.sin(am * phi) if m < 0 else 1.0)
        k = np.argmax(np.abs(ref))
        rows.append(np.sign(y[k] / ref[k]) * y)
    return np.stack(rows)


Js = []
for l in range(L_MAX + 1):
    n = 4 * (2 * l + 1) + 20
    v = rng.normal(size=(n, 3))
    Pv = np.stack([v[:, 0], -v[:, 2], -v[:, 1]], axis=1)
    A = Y(l, v)       # (2l+1, n)
    B = Y(l, Pv)      # (2l+1, n)
    # J A = B  ->  A^T J^T = B^T
    J = np.linalg.lstsq(A.T, B.T, rcond=None)[0].T
    J = 0.5 * (J + J.T)
    err_sym = np.abs(J @ J - np.eye(2 * l + 1)).max()
    err_fit = np.abs(J @ A - B).max()
    assert err_sym < 1e-9 and err_fit < 1e-9, (l, err_sym, err_fit)
    Js.append(J)
    print(l, f'|J^2-I| {err_sym:.1e}  fit {err_fit:.1e}')

arr = np.empty(len(Js), dtype=object)
for i, J in enumerate(Js):
    arr[i] = J
np.save(out, arr, allow_pickle=True)
