import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Logger } from '@newsrank/logger';
import type { RedisClient } from '@newsrank/queue';
import type { PublishedList } from '@newsrank/ranking';
import { encodePublishedList } from './codec.ts';
import { ListStore } from './list-store.ts';
import { publishedListNames } from './names.ts';

const names = publishedListNames('{test}');
const version = (etag: string, publishedAtMs: number): PublishedList => ({
  key: 'popular:all',
  etag,
  contentHash: etag,
  publishedAtMs,
  body: { category: null, halfLife: '6h', generatedAt: '2025-01-13T10:00:00Z', items: [] },
});

/** Stands in for both connections: `hash` is what HGETALL returns; `publish` delivers a message. */
function fakeRedis(hash: Record<string, string>) {
  const emitter = new EventEmitter();
  const client = Object.assign(emitter, {
    hgetall: async () => hash,
    subscribe: async () => 1,
    disconnect: () => {},
  });
  return { client: client as unknown as RedisClient, publish: (message: string) => emitter.emit('message', names.channel, message) };
}

async function startedStore(hash: Record<string, string>) {
  const lines: string[] = [];
  const logger = { warn: (_: unknown, message: string) => void lines.push(message), debug: () => {} } as unknown as Logger;
  const redis = fakeRedis(hash);
  const store = new ListStore(redis.client, redis.client, names, logger);
  await store.start();
  return { store, publish: redis.publish, lines };
}

describe('ListStore', () => {
  it('holds what the hash holds at start, and each newer version published after', async () => {
    const { store, publish } = await startedStore({ 'popular:all': encodePublishedList(version('v1', 1)) });
    expect(store.get('popular:all')?.etag).toBe('v1');
    const seen: string[] = [];
    store.subscribe({ onList: (list) => seen.push(list.etag), onClose: () => {} });
    publish(encodePublishedList(version('v2', 2)));
    expect(store.get('popular:all')?.etag).toBe('v2');
    expect(seen).toEqual(['v2']);
    await store.close();
  });

  it('never steps back to an older version, nor announces the same one twice', async () => {
    const { store, publish } = await startedStore({ 'popular:all': encodePublishedList(version('v2', 2)) });
    const seen: string[] = [];
    store.subscribe({ onList: (list) => seen.push(list.etag), onClose: () => {} });
    publish(encodePublishedList(version('v1', 1)));
    publish(encodePublishedList(version('v2', 3)));
    expect(store.get('popular:all')?.etag).toBe('v2');
    expect(seen).toEqual([]);
    await store.close();
  });

  it('ignores a message that is not a published list, with a warning', async () => {
    const { store, publish, lines } = await startedStore({});
    publish('not json');
    publish(JSON.stringify({ key: 'popular:all' }));
    expect(store.all()).toEqual([]);
    expect(lines).toEqual(['ignored a published list that cannot be read', 'ignored a published list that cannot be read']);
    await store.close();
  });

  it('closing ends every subscriber', async () => {
    const { store } = await startedStore({});
    let closed = 0;
    store.subscribe({ onList: () => {}, onClose: () => (closed += 1) });
    await store.close();
    expect(closed).toBe(1);
  });
});
