import { describe, expect, it } from 'vitest';
import { abortable } from './abortable.ts';

describe('abortable', () => {
  it('settles with the work when nothing aborts', async () => {
    expect(await abortable(Promise.resolve(7), new AbortController().signal)).toBe(7);
    expect(await abortable(Promise.resolve(8), undefined)).toBe(8);
  });

  it('rejects with the reason as soon as the signal aborts, without waiting for the work', async () => {
    const controller = new AbortController();
    const never = new Promise<number>(() => {});
    const waiting = abortable(never, controller.signal);
    controller.abort(new Error('stopping'));
    await expect(waiting).rejects.toThrow('stopping');
  });

  it('rejects at once when the signal was aborted before', async () => {
    const controller = new AbortController();
    controller.abort(new Error('already stopping'));
    await expect(abortable(Promise.resolve(1), controller.signal)).rejects.toThrow('already stopping');
  });
});
