/**
 * @packageDocumentation
 * A group acting on R^0, R^2 or R^3: rot2dOnR2, flipRot2dOnR2, rot3dOnR3, ... (float64, no TensorFlow.js).
 */
export {};
