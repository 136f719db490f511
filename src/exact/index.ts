/** Exact arithmetic, the lowest layer: bigint rationals in lowest terms. Imports nothing of ours. */
export { formatScaled, gcdBig, lcmBig, Rational, sumRationals } from './rational.js';
