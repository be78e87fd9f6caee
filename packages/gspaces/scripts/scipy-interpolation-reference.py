"""Reference values for the interpolated grid action (rotations that do not map the pixel grid onto itself).

escnn 1.0.13 resamples a [batch][channel][y][x] array with scipy.ndimage.affine_transform(order=2, mode
'constant'), after expressing the base-space matrix in array coordinates (rows = -Y, columns = X) and rounding
it to float16; the output pixel o reads the input at A o + offset with A the transpose of that matrix and
offset = -(A - I) c, c the grid centre. This script applies that recipe with scipy to a few inputs and writes
test-data/scipy-interpolation.json for src/grid-action.test.ts. Run: python3 scipy-interpolation-reference.py
"""
import json
import os

import numpy as np
import scipy
from scipy.ndimage import affine_transform

HERE = os.path.dirname(os.path.abspath(__file__))


def array_matrix(m):
    # (x, y) -> (-y, x): swap both axes, negate the mixed entries
    return np.array([[m[1][1], -m[1][0]], [-m[0][1], m[0][0]]], dtype=np.float64).astype(np.float16)


def resample(x, m):
    a = array_matrix(m).T
    d = x.ndim
    t = np.eye(d)
    t[-2:, -2:] = a
    centre = np.zeros(d)
    centre[-2:] = (np.asarray(x.shape[-2:]) - 1) / 2
    centre[-2:] = -(a - np.eye(2)) @ centre[-2:]
    return affine_transform(x, t, offset=centre, order=2)


def rotation(theta):
    return [[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]]


def flip_rotation(theta):
    # r_theta composed with the flip (x, y) -> (x, -y)
    return [[np.cos(theta), np.sin(theta)], [np.sin(theta), -np.cos(theta)]]


def main():
    rng = np.random.default_rng(7)
    with open(os.path.join(HERE, '..', '..', '..', 'fixtures', 'transforms.json')) as f:
        fixture = json.load(f)
    c8 = next(t for t in fixture['transforms'] if t['gspace'] == 'rot2dOnR2(N=8)')
    cases = []
    inputs = [
        ('transforms.json rot2dOnR2(N=8) input', np.asarray(c8['input'], dtype=np.float32)),
        ('random 1x2x7x9', rng.standard_normal((1, 2, 7, 9)).astype(np.float32)),
        ('random 2x1x6x6', rng.standard_normal((2, 1, 6, 6)).astype(np.float32)),
    ]
    matrices = [
        ('rotation 45 deg', rotation(np.pi / 4)),
        ('rotation 135 deg', rotation(3 * np.pi / 4)),
        ('rotation 1 rad', rotation(1.0)),
        ('rotation 30 deg', rotation(np.pi / 6)),
        ('flip then rotation 1 rad', flip_rotation(1.0)),
        ('rotation 90 deg (exact)', rotation(np.pi / 2)),
    ]
    for name, x in inputs:
        for mname, m in matrices:
            y = resample(x, m)
            cases.append({
                'input_name': name,
                'matrix_name': mname,
                'matrix': np.asarray(m).tolist(),
                'input_shape_nchw': list(x.shape),
                'input': x.reshape(-1).astype(np.float64).tolist(),
                'output': y.reshape(-1).astype(np.float64).tolist(),
            })
    out = {
        'meta': {
            'what': 'scipy.ndimage.affine_transform(order=2) with escnn 1.0.13\'s grid conventions; layout [batch][channel][y][x], float32 values',
            'scipy': scipy.__version__,
            'numpy': np.__version__,
            'generator': 'packages/gspaces/scripts/scipy-interpolation-reference.py',
        },
        'cases': cases,
    }
    with open(os.path.join(HERE, '..', 'test-data', 'scipy-interpolation.json'), 'w') as f:
        json.dump(out, f)


if __name__ == '__main__':
    main()
