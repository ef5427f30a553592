/** A deterministic generator of numbers in [0, 1) (xorshift), so that a failure of a property test can be reproduced. */
export function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}
