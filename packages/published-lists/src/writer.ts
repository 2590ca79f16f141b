import type { Logger } from '@newsrank/logger';
import type { RedisClient } from '@newsrank/queue';
import type { PublishedList } from '@newsrank/ranking';
import { decodePublishedList, encodePublishedList } from './codec.ts';
import type { PublishedListNames } from './names.ts';

type Transaction = ReturnType<RedisClient['multi']>;

/** Adds each version to the hash and announces it on the channel, within the caller's MULTI. */
export function stagePublishedLists(transaction: Transaction, names: PublishedListNames, lists: readonly PublishedList[]): void {
  for (const list of lists) {
    const json = encodePublishedList(list);
    transaction.hset(names.lists, list.key, json);
    transaction.publish(names.channel, json);
  }
}

/** A version as the history table keeps it (recordPublishedLists). */
export function historyRecord(list: PublishedList): { key: string; generatedAt: Date; etag: string; payload: string } {
  return { key: list.key, generatedAt: new Date(list.publishedAtMs), etag: list.etag, payload: encodePublishedList(list) };
}

/** What is published now, by list key; a version that cannot be read is left out (and so replaced). */
export async function loadPublished(redis: RedisClient, names: PublishedListNames, logger: Logger): Promise<Map<string, PublishedList>> {
  const raw = await redis.hgetall(names.lists);
  const lists = new Map<string, PublishedList>();
  for (const [key, json] of Object.entries(raw)) {
    const decoded = decodePublishedList(json);
    if (decoded.ok) lists.set(key, decoded.list);
    else logger.warn({ key, problem: decoded.problem }, 'ignored a published list that cannot be read');
  }
  return lists;
}
