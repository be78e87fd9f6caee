/** The block-diagonal matrix of a direct sum. */
import { Matrix } from 'ml-matrix';

/** The block-diagonal matrix `⊕_i blocks[i]` of square blocks (the matrix of a direct sum of representations). */
export function blockDiagonal(blocks: readonly Matrix[]): Matrix {
  const size = blocks.reduce((s, b) => s + b.rows, 0);
  const out = new Matrix(size, size);
  let o = 0;
  for (const b of blocks) {
    if (b.rows > 0) out.setSubMatrix(b, o, o);
    o += b.rows;
  }
  return out;
}
