import { describe, expect, it, vi } from 'vitest';
import { GroupCommit } from './group-commit.ts';

const deferred = () => {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('GroupCommit with a linger in ms', () => {
  it('jobs submitted together are written in one batch', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number>(async (items) => void batches.push(items), { maxItems: 100, lingerMs: 5 });
    await Promise.all([group.submit([1, 2]), group.submit([3]), group.submit([4, 5])]);
    expect(batches).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('a submitter is released only after the write holding its items has finished', async () => {
    const write = deferred();
    const group = new GroupCommit<number>(() => write.promise, { maxItems: 100, lingerMs: 1 });
    let released = false;
    const submitted = group.submit([1]).then(() => {
      released = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(released).toBe(false);
    write.resolve();
    await submitted;
    expect(released).toBe(true);
  });

  it('what arrives during a write forms the next batch', async () => {
    const batches: number[][] = [];
    const firstWrite = deferred();
    const group = new GroupCommit<number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await firstWrite.promise;
      },
      { maxItems: 1, lingerMs: 1 },
    );
    const first = group.submit([1]);
    const later = [group.submit([2]), group.submit([3])];
    firstWrite.resolve();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('a failed write fails every submitter in it, and the next batch is tried afresh', async () => {
    let calls = 0;
    const group = new GroupCommit<number>(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database away');
      },
      { maxItems: 100, lingerMs: 1 },
    );
    const results = await Promise.allSettled([group.submit([1]), group.submit([2])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(group.submit([3])).resolves.toBeUndefined();
  });

  it('drain waits for everything submitted', async () => {
    const written: number[] = [];
    const group = new GroupCommit<number>(async (items) => void written.push(...items), { maxItems: 100, lingerMs: 50 });
    void group.submit([1, 2]);
    await group.drain();
    expect(written).toEqual([1, 2]);
  });

  it('with two writes allowed, a second batch starts while the first is still writing, and no third', async () => {
    const writes = [deferred(), deferred(), deferred()];
    const started: number[][] = [];
    const group = new GroupCommit<number>((items) => (started.push(items), writes[started.length - 1]?.promise ?? Promise.resolve()), {
      maxItems: 100,
      lingerMs: 1,
      maxInFlight: 2,
    });
    const first = group.submit([1]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = group.submit([2]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const third = group.submit([3]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toEqual([[1], [2]]);
    writes[0]?.resolve();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toEqual([[1], [2], [3]]);
    writes[1]?.resolve();
    writes[2]?.resolve();
    await Promise.all([second, third]);
  });

  it('a trickle of jobs during slow writes still waits out its linger, so it goes as few batches', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const batches: number[][] = [];
      // Each write takes 20 ms; the linger is 40 ms; an item arrives every 4 ms for 120 ms.
      const group = new GroupCommit<number>(
        (items) => new Promise<void>((resolve) => setTimeout(() => (batches.push(items), resolve()), 20)),
        { maxItems: 1_000, lingerMs: 40 },
      );
      const submitted: Promise<void>[] = [];
      for (let item = 0; item < 30; item++) {
        submitted.push(group.submit([item]));
        await vi.advanceTimersByTimeAsync(4);
      }
      await vi.advanceTimersByTimeAsync(200);
      await Promise.all(submitted);
      expect(batches.flat()).toEqual(Array.from({ length: 30 }, (_, item) => item));
      // Going at once whenever a write ended would have made 5 batches, the last four of 4–5 items.
      expect(batches).toHaveLength(3);
      for (const batch of batches) expect(batch.length).toBeGreaterThanOrEqual(9);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('GroupCommit lingering for one turn of the event loop', () => {
  /** A write that takes 5 ms and records its batch; `failNext` makes the next one reject. */
  function recordingWrite() {
    const batches: number[][] = [];
    let fail: Error | null = null;
    const apply = async (items: number[]) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw fail;
      batches.push(items);
    };
    return { apply, batches, failNext: (error: Error) => (fail = error) };
  }

  it('items handed in during the same turn go in one write, and each caller settles only after it', async () => {
    const { apply, batches } = recordingWrite();
    const group = new GroupCommit<number>(apply, { lingerMs: 'turn' });
    await Promise.all([group.submit([1]), group.submit([2, 3]), group.submit([4])]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it('items handed in while a write is in flight form the next write', async () => {
    const { apply, batches } = recordingWrite();
    const group = new GroupCommit<number>(apply, { lingerMs: 'turn' });
    const first = group.submit([1]);
    await new Promise((resolve) => setTimeout(resolve, 1));
    await Promise.all([first, group.submit([2]), group.submit([3])]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('with two writes allowed in flight, the next group goes without waiting for the first', async () => {
    const { apply, batches } = recordingWrite();
    const group = new GroupCommit<number>(apply, { lingerMs: 'turn', maxInFlight: 2 });
    const first = group.submit([1]);
    await new Promise((resolve) => setImmediate(resolve));
    const second = group.submit([2]);
    await new Promise((resolve) => setImmediate(resolve));
    const third = group.submit([3]);
    await second;
    // The second write started while the first was still in flight and ended in the same wait;
    // the third waited for a free slot.
    expect(batches).toEqual([[1], [2]]);
    await Promise.all([first, third]);
    expect(batches).toEqual([[1], [2], [3]]);
  });

  it('a refused write refuses every caller it carried', async () => {
    const { apply, batches, failNext } = recordingWrite();
    const group = new GroupCommit<number>(apply, { lingerMs: 'turn' });
    failNext(new Error('redis away'));
    const results = await Promise.allSettled([group.submit([1]), group.submit([2])]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(batches).toEqual([]);
  });

  it('a write that throws before returning a promise refuses its callers too', async () => {
    const group = new GroupCommit<number>(
      () => {
        throw new Error('no connection');
      },
      { lingerMs: 'turn' },
    );
    await expect(group.submit([1])).rejects.toThrow('no connection');
  });
});
