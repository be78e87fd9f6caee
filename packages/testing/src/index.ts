/**
 * @packageDocumentation
 * fast-check arbitraries and property checks that certify the equivariance and invariance of any module.
 */
export {};
