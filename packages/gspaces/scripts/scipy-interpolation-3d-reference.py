"""Reference values for the interpolated voxel action (elements of O(3) that do not map the voxel grid onto itself).

escnn 1.0.13 resamples a [batch][channel][z][y][x] array with scipy.ndimage.affine_transform(order=2, mode
'constant'), after expressing the base-space matrix (on points (x, y, z)) in array coordinates (axes -Z, -Y, X)
and rounding it to float16; the output voxel o reads the input at A o + offset with A the transpose of that
matrix and offset = -(A - I) c, c the grid centre. This script applies that recipe with scipy to a few inputs
and writes test-data/scipy-interpolation-3d.json for src/voxel-action.test.ts.
Run: python3 scipy-interpolation-3d-reference.py
"""
import json
import os

import numpy as np
import scipy
from scipy.ndimage import affine_transform

HERE = os.path.dirname(os.path.abspath(__file__))


def array_matrix(m):
    # (x, y, z) -> (-z, -y, x): reverse both axes, negate every entry that mixes a reversed-and-negated axis
    m = np.asarray(m, dtype=np.float64)[::-1, ::-1].copy()
    m[:-1, :] *= -1
    m[:, :-1] *= -1
    return m.astype(np.float16)


def resample(x, m):
    a = array_matrix(m).T
    d = x.ndim
    t = np.eye(d)
    t[-3:, -3:] = a
    centre = np.zeros(d)
    centre[-3:] = (np.asarray(x.shape[-3:]) - 1) / 2
    centre[-3:] = -(a - np.eye(3)) @ centre[-3:]
    return affine_transform(x, t, offset=centre, order=2)


def rotation(axis, angle):
    # Rodrigues' formula
    k = np.asarray(axis, dtype=np.float64)
    k = k / np.linalg.norm(k)
    kx = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    return np.eye(3) + np.sin(angle) * kx + (1 - np.cos(angle)) * kx @ kx


def main():
    rng = np.random.default_rng(11)
    phi = (1 + 5 ** 0.5) / 2
    inputs = [
        ('random 1x2x5x5x5', rng.standard_normal((1, 2, 5, 5, 5)).astype(np.float32)),
        ('random 2x1x4x6x5', rng.standard_normal((2, 1, 4, 6, 5)).astype(np.float32)),
    ]
    matrices = [
        ('rotation 0.4 rad about z', rotation([0, 0, 1], 0.4)),
        ('rotation 45 deg about x', rotation([1, 0, 0], np.pi / 4)),
        ('rotation 1 rad about (1, 2, 3)', rotation([1, 2, 3], 1.0)),
        ('rotation 72 deg about (0, 1, phi)', rotation([0, 1, phi], 2 * np.pi / 5)),
        ('inversion times rotation 0.7 rad about y', -rotation([0, 1, 0], 0.7)),
        ('rotation 120 deg about (1, 1, 1) (exact)', rotation([1, 1, 1], 2 * np.pi / 3)),
        ('mirror z -> -z times rotation 90 deg about z (exact)', np.diag([1.0, 1.0, -1.0]) @ rotation([0, 0, 1], np.pi / 2)),
    ]
    cases = []
    for name, x in inputs:
        for mname, m in matrices:
            y = resample(x, m)
            cases.append({
                'input_name': name,
                'matrix_name': mname,
                'matrix': np.asarray(m).tolist(),
                'input_shape_ncdhw': list(x.shape),
                'input': x.reshape(-1).astype(np.float64).tolist(),
                'output': y.reshape(-1).astype(np.float64).tolist(),
            })
    out = {
        'meta': {
            'what': 'scipy.ndimage.affine_transform(order=2) with escnn 1.0.13\'s voxel conventions (axes -Z, -Y, X); layout [batch][channel][z][y][x], float32 values',
            'scipy': scipy.__version__,
            'numpy': np.__version__,
            'generator': 'packages/gspaces/scripts/scipy-interpolation-3d-reference.py',
        },
        'cases': cases,
    }
    with open(os.path.join(HERE, '..', 'test-data', 'scipy-interpolation-3d.json'), 'w') as f:
        json.dump(out, f)


if __name__ == '__main__':
    main()
