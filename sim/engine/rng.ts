/**
 * The engine's per-member generator (mulberry32) as a reusable object: one instance per stream,
 * reseeded per member, so the member loop allocates nothing. `next` is an arrow property so it can
 * be handed to the samplers of sim/random.ts as a RandomSource.
 */
export class StreamRng {
  state = 0;

  reseed(seed: number): void {
    this.state = seed | 0;
  }

  readonly next = (): number => {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
