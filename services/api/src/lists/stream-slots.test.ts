import { describe, expect, it } from 'vitest';
import { StreamSlots, streamRetryAfterSeconds, tooManyStreams } from './stream-slots.ts';

describe('stream slots', () => {
  it('hand out up to their capacity, then none until one is given back', () => {
    const slots = new StreamSlots(2);
    const first = slots.take();
    const second = slots.take();
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(slots.take()).toBeNull();
    expect(slots.open).toBe(2);
    first?.();
    expect(slots.open).toBe(1);
    expect(slots.take()).not.toBeNull();
    expect(slots.take()).toBeNull();
  });

  it('count a slot given back twice once', () => {
    const slots = new StreamSlots(3);
    const release = slots.take();
    slots.take();
    release?.();
    release?.();
    expect(slots.open).toBe(1);
  });
});

describe('the refusal past the cap', () => {
  it.each([
    [0, 10],
    [0.5, 15],
    [0.999_999, 20],
  ])('asks a reader drawn at %d to wait %d seconds', (draw, seconds) => {
    expect(streamRetryAfterSeconds(() => draw)).toBe(seconds);
  });

  it('is a 503 too_many_streams naming the cap, with Retry-After', () => {
    const error = tooManyStreams(5000, () => 0);
    expect(error).toMatchObject({ status: 503, code: 'too_many_streams', headers: { 'retry-after': '10' } });
    expect(error.message).toContain('5000');
  });
});
