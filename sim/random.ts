/**
 * Seeded randomness. Every stochastic function takes its random source; nothing reads Math.random.
 *
 * Streams are keyed by (seed, key, purpose) through an integer hash, so a member's stream does not
 * depend on which worker or in which order it is simulated.
 */

/** A source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/** Mixes two 32-bit integers into one well-spread 32-bit integer (lowbias32 finaliser). */
export function hash32(a: number, b = 0): number {
  let x = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The seed of the stream for one key (a member id, a replication) and purpose under a run seed. */
export function streamSeed(seed: number, key: number, purpose = 0): number {
  return hash32(hash32(seed >>> 0, purpose), key >>> 0);
}

/**
 * A small, fast generator (mulberry32) over one 32-bit state. Good enough statistically for
 * simulation and resampling; not for cryptography.
 */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random source for a run seed and a purpose, e.g. `seededRandom(42, "bootstrap")`. */
export function seededRandom(seed: number, purpose: string | number = 0): RandomSource {
  const p = typeof purpose === "number" ? purpose : hashString(purpose);
  return mulberry32(streamSeed(seed, 0, p));
}

/** FNV-1a hash of a string to 32 bits, for naming streams. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A uniform in (0, 1): never exactly 0, so logs stay finite. */
export function openUniform(random: RandomSource): number {
  let u = random();
  while (u === 0) u = random();
  return u;
}

/** Standard normal by Box–Muller (one of the pair is discarded: simple and stateless). */
export function sampleNormal(random: RandomSource): number {
  const u = openUniform(random);
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Exponential with the given rate. */
export function sampleExponential(random: RandomSource, rate: number): number {
  return -Math.log(openUniform(random)) / rate;
}

/** Gamma(shape, rate) by Marsaglia–Tsang, with the shape < 1 boost. Mean shape / rate. */
export function sampleGamma(random: RandomSource, shape: number, rate: number): number {
  if (shape < 1) {
    const u = openUniform(random);
    return sampleGamma(random, shape + 1, rate) * Math.exp(Math.log(u) / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = openUniform(random);
    if (u < 1 - 0.0331 * x * x * x * x) return (d * v) / rate;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}

/** Beta(a, b) as a ratio of gammas. */
export function sampleBeta(random: RandomSource, a: number, b: number): number {
  const x = sampleGamma(random, a, 1);
  const y = sampleGamma(random, b, 1);
  return x / (x + y);
}

/** Poisson by inversion (the engine uses it for small daily means). */
export function samplePoisson(random: RandomSource, mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * sampleNormal(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}
