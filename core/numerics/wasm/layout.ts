/**
 * Byte offsets of the kernels' memory (see kernels.wat, whose header lists the same map). The
 * first page holds the ziggurat tables, the generator state and the results; the scratch buffer
 * for normals follows; the arena for simulation arrays starts at the second page and grows.
 */
export const LAYOUT = {
  /** i32[256]: fast-path thresholds. */
  zk: 0,
  /** f64[512]: signed abscissa scales. */
  zw: 1024,
  /** f64[257]: layer edges. */
  zx: 5120,
  /** f64[257]: densities at the layer edges. */
  zf: 7184,
  /** i32[4]: xoshiro128** state words. */
  state: 9248,
  /** f64: start of the tail. */
  tail: 9264,
  /** f64[3]: the sums returned by sgd_pass. */
  sums: 9272,
  /** f64x2[7]: the even/odd partial sums behind `sums` and `oracle`. */
  pairs: 9296,
  /** f64[4]: P, C, P2, C2 returned by sgd_pass_oracle. */
  oracle: 9408,
  /** f64[SCRATCH_LENGTH]: normals drawn for `fillNormal` before they are copied out. */
  scratch: 16384,
  /** Start of the arena (page-aligned). */
  arena: 65536,
} as const;

/** Normals per `fill_normal` call when filling a JavaScript array. */
export const SCRATCH_LENGTH = (LAYOUT.arena - LAYOUT.scratch) / 8;
