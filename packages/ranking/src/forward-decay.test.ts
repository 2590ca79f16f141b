import { describe, expect, it } from 'vitest';
import { MAX_DECAY_EXPONENT, chooseRebaseT0, decayWeight, needsRebase, rebaseFactor, scoreAt } from './forward-decay.ts';

const HOUR = 3_600_000;
const H = 6 * HOUR;
const T0 = Date.parse('2025-01-13T00:00:00Z');

const accumulate = (viewTimes: number[], t0: number) => viewTimes.reduce((acc, t) => acc + decayWeight(t, t0, H), 0);
const views = (count: number, t: number) => Array.from({ length: count }, () => t);
const relativeError = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

describe('decayWeight', () => {
  it.each([
    ['a view at T0', 0, 1],
    ['a view one half-life after T0', H, 2],
    ['a view two half-lives after T0', 2 * H, 4],
    ['a view one half-life before T0', -H, 0.5],
    ['a view half a half-life after T0', H / 2, Math.SQRT2],
  ])('%s weighs %d', (_name, offset, expected) => {
    expect(decayWeight(T0 + offset, T0, H)).toBeCloseTo(expected, 12);
  });

  it('refuses a view so far after T0 that its weight would overflow', () => {
    expect(() => decayWeight(T0 + 1000 * H, T0, H)).toThrow(/rebase first/);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a half-life of %d', (h) => {
    expect(() => decayWeight(T0, T0, h)).toThrow(RangeError);
  });
});

describe('scoreAt', () => {
  const now = T0 + 10 * HOUR;

  it('100 views now and 100 views one half-life ago score 150', () => {
    const acc = accumulate([...views(100, now), ...views(100, now - H)], T0);
    expect(scoreAt(acc, T0, now, H)).toBeCloseTo(150, 9);
  });

  it.each([
    ['one half-life', H, 50],
    ['two half-lives', 2 * H, 25],
    ['ten half-lives', 10 * H, 100 / 1024],
  ])('100 views %s ago score %d', (_name, age, expected) => {
    expect(scoreAt(accumulate(views(100, now - age), T0), T0, now, H)).toBeCloseTo(expected, 9);
  });

  it('a score halves with every half-life that passes without views', () => {
    const acc = accumulate(views(40, T0 + HOUR), T0);
    for (let k = 0; k < 20; k++) {
      const later = T0 + HOUR + k * H;
      expect(scoreAt(acc, T0, later + H, H) / scoreAt(acc, T0, later, H)).toBeCloseTo(0.5, 12);
    }
  });

  it('the score does not depend on which landmark the accumulator used', () => {
    const times = [T0 - 3 * HOUR, T0 + HOUR, T0 + 7 * HOUR, now];
    const otherT0 = T0 + 100 * H;
    expect(relativeError(scoreAt(accumulate(times, T0), T0, now, H), scoreAt(accumulate(times, otherT0), otherT0, now, H))).toBeLessThan(
      1e-12,
    );
  });
});

describe('ordering by accumulator', () => {
  it('ordering by accumulator equals ordering by score, and stays put while no views arrive', () => {
    const articles = {
      steady: [T0, T0 + 3 * HOUR, T0 + 6 * HOUR, T0 + 9 * HOUR],
      burstEarly: views(9, T0 - 12 * HOUR),
      burstLate: views(3, T0 + 9 * HOUR),
      single: [T0 + 8 * HOUR],
    };
    const accs = Object.entries(articles).map(([id, times]) => ({ id, acc: accumulate(times, T0) }));
    const byAcc = [...accs].sort((a, b) => b.acc - a.acc).map((a) => a.id);
    for (const now of [T0 + 10 * HOUR, T0 + 40 * HOUR, T0 + 400 * HOUR]) {
      const byScore = [...accs].sort((a, b) => scoreAt(b.acc, T0, now, H) - scoreAt(a.acc, T0, now, H));
      expect(byScore.map((a) => a.id)).toEqual(byAcc);
    }
  });
});

describe('needsRebase', () => {
  it.each([
    ['at T0', 0, false],
    ['a year later with a 6h half-life', 365 * 24 * HOUR, true],
    [`exactly ${MAX_DECAY_EXPONENT} half-lives later`, MAX_DECAY_EXPONENT * H, false],
    [`just past ${MAX_DECAY_EXPONENT} half-lives later`, MAX_DECAY_EXPONENT * H + 1, true],
    ['when T0 lies far ahead of the clock', -(MAX_DECAY_EXPONENT * H + 1), true],
  ])('%s is %s', (_name, offset, expected) => {
    expect(needsRebase(T0, T0 + offset, H)).toBe(expected);
  });
});

describe('rebase', () => {
  it.each([
    ['one half-life forward', T0 + H, 0.5],
    ['three half-lives forward', T0 + 3 * H, 0.125],
    ['zero distance', T0, 1],
  ])('moving T0 %s multiplies accumulators by %d', (_name, newT0, factor) => {
    expect(rebaseFactor(T0, newT0, H)).toBeCloseTo(factor, 12);
  });

  it('rebasing preserves every score', () => {
    const now = T0 + 600 * H;
    const acc = accumulate([now - 5 * H, now - HOUR, now, now], T0);
    const newT0 = chooseRebaseT0(now, H);
    const rebased = acc * rebaseFactor(T0, newT0, H);
    expect(relativeError(scoreAt(acc, T0, now, H), scoreAt(rebased, newT0, now, H))).toBeLessThan(1e-9);
    expect(relativeError(scoreAt(acc, T0, now + 7 * H, H), scoreAt(rebased, newT0, now + 7 * H, H))).toBeLessThan(1e-9);
  });

  it.each([
    ['6h', H, '2025-01-13T09:00:00.000Z'],
    ['1h', HOUR, '2025-01-13T09:00:00.000Z'],
    ['30min', HOUR / 2, '2025-01-13T09:42:00.000Z'],
    ['10s', 10_000, '2025-01-13T09:42:37.000Z'],
  ])('with a %s half-life the new T0 is %s', (_name, halfLife, expected) => {
    const now = Date.parse('2025-01-13T09:42:37.123Z');
    const t0 = chooseRebaseT0(now, halfLife);
    expect(new Date(t0).toISOString()).toBe(expected);
    expect(needsRebase(t0, now, halfLife)).toBe(false);
    expect(decayWeight(now, t0, halfLife)).toBeLessThanOrEqual(2);
  });

  it('a year of hourly views with rebasing never reaches Infinity and matches the exact score', () => {
    let t0 = T0;
    let acc = 0;
    let rebases = 0;
    const end = T0 + 365 * 24 * HOUR;
    for (let t = T0; t <= end; t += HOUR) {
      if (needsRebase(t0, t, H)) {
        const newT0 = chooseRebaseT0(t, H);
        acc *= rebaseFactor(t0, newT0, H);
        t0 = newT0;
        rebases++;
      }
      acc += 60 * decayWeight(t, t0, H);
      expect(Number.isFinite(acc)).toBe(true);
    }
    // 60 views every hour for long enough converge to a geometric series in 2^(−1h/H).
    const exact = 60 / (1 - 2 ** (-HOUR / H));
    expect(rebases).toBeGreaterThan(0);
    expect(relativeError(scoreAt(acc, t0, end, H), exact)).toBeLessThan(1e-9);
  });
});
