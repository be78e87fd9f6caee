"""escnn's time to build SO(3) with maximum frequency 6 and every Clebsch-Gordan tensor for l1, l2 <= 4 (all J),
cold (escnn's disk cache empty) and warm (the cache that the cold run filled), each in a fresh process.

The counterpart of so3.mjs, which runs this script side by side when STEERABLE_ESCNN_PYTHON names a Python
with escnn 1.0.13 importable. Not run by CI. escnn keeps its joblib disk cache (Clebsch-Gordan tensors,
tensor-product decompositions) in the `_cache` folder inside its installed package; this script redirects
every escnn `joblib.Memory` to a folder of its own, so a cold run starts from an empty folder without touching
the installed package, and the warm run reuses that folder.

escnn computes SO(3)'s Clebsch-Gordan tensors with py3nj (Wigner 3j symbols) when py3nj imports, and
otherwise by a numerical solve per triple (random group samples, the Sylvester constraint's null space by
SVD), the path of escnn users without py3nj; `--cg numerical` hides py3nj from escnn to force that path.

    python3 escnn_so3_cold.py [--reps N] [--cg auto|py3nj|numerical]
        prints, per repetition, the cold and the warm time (each a fresh process) and the medians
    python3 escnn_so3_cold.py --measure --cache-dir DIR [--cg ...]
        one measurement in this process, printed as one JSON line; cold when DIR is empty

The timed region starts after `import escnn.group` (escnn imports PyTorch; the import time is reported
apart) and covers so3_group(6), every irrep at one sampled element, and G._clebsh_gordan_coeff(l1, l2, J)
for 0 <= l1, l2 <= 4 and |l1 - l2| <= J <= l1 + l2 (85 triples), as so3.mjs does.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings


def measure(cache_dir, cg):
    if cg == 'numerical':
        # a None entry makes `import py3nj` raise ImportError, so escnn takes its numerical path
        sys.modules['py3nj'] = None

    import joblib

    original_memory = joblib.Memory

    class RedirectedMemory(original_memory):
        """joblib.Memory with escnn's in-package cache folder replaced by `cache_dir`."""

        def __init__(self, location=None, *args, **kwargs):
            super().__init__(cache_dir, *args, **kwargs)

    # escnn binds `from joblib import Memory` when its modules import, so the patch must precede the import
    joblib.Memory = RedirectedMemory
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        import escnn.group
        from escnn.group.groups import so3group
    import_seconds = time.perf_counter() - start
    joblib.Memory = original_memory
    if cg == 'py3nj' and so3group.py3nj is None:
        sys.exit('--cg py3nj: escnn could not import py3nj')

    cache_files_before = sum(len(files) for _, _, files in os.walk(cache_dir))
    cpu_start = time.process_time()
    start = time.perf_counter()
    G = escnn.group.so3_group(6)
    g = G.sample()
    for psi in G.irreps():
        psi(g)
    triples = 0
    for l1 in range(5):
        for l2 in range(5):
            for J in range(abs(l1 - l2), l1 + l2 + 1):
                G._clebsh_gordan_coeff(l1, l2, J)
                triples += 1
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    print(json.dumps({
        'seconds': seconds,
        'cpu_seconds': cpu_seconds,
        'import_seconds': import_seconds,
        'triples': triples,
        'cg_path': 'numerical' if so3group.py3nj is None else 'py3nj',
        'cache_files_before': cache_files_before,
        'escnn_version': escnn.__version__,
    }))


def run_child(cache_dir, cg):
    out = subprocess.run(
        [sys.executable, os.path.abspath(__file__), '--measure', '--cache-dir', cache_dir, '--cg', cg],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--measure', action='store_true')
    parser.add_argument('--cache-dir')
    parser.add_argument('--cg', choices=['auto', 'py3nj', 'numerical'], default='auto')
    parser.add_argument('--reps', type=int, default=3)
    args = parser.parse_args()
    if args.measure:
        if args.cache_dir is None:
            parser.error('--measure needs --cache-dir')
        measure(args.cache_dir, args.cg)
        return
    cold, warm = [], []
    for rep in range(args.reps):
        with tempfile.TemporaryDirectory(prefix='escnn-cache-') as cache_dir:
            c = run_child(cache_dir, args.cg)
            w = run_child(cache_dir, args.cg)
        # py3nj's tensors are not cached on disk, so only the numerical path fills the folder
        assert c['cache_files_before'] == 0
        cold.append(c['seconds'])
        warm.append(w['seconds'])
        print(f"rep {rep + 1}: cold {c['seconds']:.3f} s (CPU {c['cpu_seconds']:.3f} s), warm {w['seconds']:.3f} s "
              f"({w['cache_files_before']} cache files), import {c['import_seconds']:.2f} s, CG path {c['cg_path']}, load {os.getloadavg()[0]:.2f}")
    print(f'escnn SO(3) L=6 + {c["triples"]} CG triples: median cold {statistics.median(cold):.3f} s, '
          f'median warm {statistics.median(warm):.3f} s over {args.reps} repetitions')


if __name__ == '__main__':
    main()
