/**
 * Forward decay (Cormode, Shkapenyuk, Srivastava, Xu: "Forward Decay: A Practical Time Decay
 * Model for Streaming Systems", ICDE 2009) with exponential g(x) = 2^(x/H).
 *
 * A view at time t adds 2^((t − T0)/H) to its article's accumulator, relative to a landmark T0
 * shared by every article. The decayed score at `now` is accumulator · 2^(−(now − T0)/H): the same
 * factor for every article, so sorting by the raw accumulator is already the popularity order and
 * no stored value ever has to be rescored as time passes. The price is that weights grow with
 * time: T0 must move forward now and then (a "rebase") before doubles overflow.
 */

/**
 * Largest |(now − T0)/H| tolerated before a rebase: 2^512 leaves a factor of about 2^500 below
 * Number.MAX_VALUE (≈ 2^1024) for sums of weights, and the mirror bound keeps weights of views
 * long before T0 well above the subnormal range, where doubles lose precision.
 */
export const MAX_DECAY_EXPONENT = 512;

/** Beyond this a single weight, or an accumulator built of them, is at risk of Infinity. */
const HARD_EXPONENT_LIMIT = 960;

function assertHalfLife(halfLifeMs: number): void {
  if (!(Number.isFinite(halfLifeMs) && halfLifeMs > 0)) {
    throw new RangeError(`half-life must be a positive number of ms, got ${halfLifeMs}`);
  }
}

function exponent(tMs: number, t0Ms: number, halfLifeMs: number): number {
  assertHalfLife(halfLifeMs);
  const e = (tMs - t0Ms) / halfLifeMs;
  if (Number.isNaN(e)) throw new RangeError(`not a valid instant: ${tMs} (T0 ${t0Ms})`);
  return e;
}

/**
 * What one view at `tMs` adds to an accumulator with landmark `t0Ms`. Throws rather than return
 * Infinity: an Infinity stored in the database would pin an article to the top for good, so the
 * caller must rebase (see needsRebase) before applying views this far from T0.
 */
export function decayWeight(tMs: number, t0Ms: number, halfLifeMs: number): number {
  const e = exponent(tMs, t0Ms, halfLifeMs);
  if (e > HARD_EXPONENT_LIMIT) {
    throw new RangeError(`view at ${tMs} is ${e.toFixed(0)} half-lives after T0 ${t0Ms}: rebase first`);
  }
  return 2 ** e;
}

/** Decayed view count as of `nowMs`: 100 views now plus 100 views one half-life ago score 150. */
export function scoreAt(accumulator: number, t0Ms: number, nowMs: number, halfLifeMs: number): number {
  return accumulator * 2 ** -exponent(nowMs, t0Ms, halfLifeMs);
}

/**
 * True when T0 is so far from `nowMs` (either way) that new weights approach overflow, or, for a
 * landmark ahead of the clock, underflow. Checked before each batch; the worker then rebases.
 */
export function needsRebase(t0Ms: number, nowMs: number, halfLifeMs: number): boolean {
  return Math.abs(exponent(nowMs, t0Ms, halfLifeMs)) > MAX_DECAY_EXPONENT;
}

/**
 * Multiply every stored accumulator by this when the landmark moves from `oldT0Ms` to `newT0Ms`;
 * scores are unchanged, since score = acc · 2^(−(now − T0)/H). All accumulators and the stored T0
 * must change in one transaction, or views applied in between would be weighed against the
 * wrong landmark.
 */
export function rebaseFactor(oldT0Ms: number, newT0Ms: number, halfLifeMs: number): number {
  return 2 ** -exponent(newT0Ms, oldT0Ms, halfLifeMs);
}

const ROUND_STEPS_MS = [3_600_000, 60_000, 1_000, 1] as const;

/**
 * A new landmark for a rebase at `nowMs`: `nowMs` floored to the coarsest of hour, minute, second
 * or millisecond that is no longer than one half-life. A round instant is easy to recognise in the
 * database, replicas rebasing within the same hour agree on it, and it is never after `nowMs` and
 * at most one half-life before it, so fresh weights start out between 1 and 2.
 */
export function chooseRebaseT0(nowMs: number, halfLifeMs: number): number {
  assertHalfLife(halfLifeMs);
  if (!Number.isFinite(nowMs)) throw new RangeError(`not a valid instant: ${nowMs}`);
  const step = ROUND_STEPS_MS.find((s) => s <= halfLifeMs) ?? 1;
  return Math.floor(nowMs / step) * step;
}
