/**
 * The 2D convolution with gradients that work on TF.js's WASM backend (where `tf.conv2d`'s filter
 * gradient throws). It lives in @steerable/nn-equivariant's internals, which the package does not export
 * yet; the demo alone reaches into its built output. Replace this import by the public one once
 * nn-equivariant exports a differentiable conv2d.
 */

export { conv2dWithGrad } from '../../../packages/nn-equivariant/dist/internal/conv2d.js';
