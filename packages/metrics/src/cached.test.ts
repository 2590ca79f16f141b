import { describe, expect, it } from 'vitest';
import { cachedFor, withTimeout } from './cached.ts';

describe('cachedFor', () => {
  it('reads once for concurrent callers and again only after the time to live', async () => {
    let clock = 0;
    let reads = 0;
    const read = cachedFor(
      1000,
      async () => ++reads,
      () => clock,
    );
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    clock = 999;
    expect(await read()).toBe(1);
    clock = 1000;
    expect(await read()).toBe(2);
    expect(reads).toBe(2);
  });

  it('does not keep a failed read', async () => {
    let attempt = 0;
    const read = cachedFor(1000, async () => {
      attempt += 1;
      if (attempt === 1) throw new Error('redis away');
      return attempt;
    });
    await expect(read()).rejects.toThrow('redis away');
    expect(await read()).toBe(2);
  });
});

describe('withTimeout', () => {
  it('gives up on a promise that never settles', async () => {
    await expect(withTimeout(new Promise(() => {}), 20, 'queue stats')).rejects.toThrow('queue stats: no answer within 20 ms');
  });

  it('passes a prompt answer through', async () => {
    expect(await withTimeout(Promise.resolve('ok'), 20, 'x')).toBe('ok');
  });
});
