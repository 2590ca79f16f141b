import type { Logger } from '@newsrank/logger';
import type { PublishedList } from '@newsrank/ranking';
import type { RedisClient } from '@newsrank/queue';
import { decodePublishedList } from './codec.ts';
import type { PublishedListNames } from './names.ts';

export interface ListSubscriber {
  onList(list: PublishedList): void;
  /** The store is closing (the process shuts down): end the stream. */
  onClose(): void;
}

/** A full re-read now and then also catches a message lost while the subscription was down. */
const RESYNC_EVERY_MS = 30_000;
const RETRY_SYNC_MS = 1_000;

/**
 * The latest published version of every list, in memory: requests read it without touching
 * Redis or PostgreSQL. Loaded from the Redis hash at start and after every reconnection, and
 * kept current by the channel the ranking worker publishes each new version on.
 */
export class ListStore {
  readonly #reader: RedisClient;
  readonly #subscriber: RedisClient;
  readonly #names: PublishedListNames;
  readonly #logger: Logger;
  readonly #lists = new Map<string, PublishedList>();
  readonly #subscribers = new Set<ListSubscriber>();
  #timer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(reader: RedisClient, subscriber: RedisClient, names: PublishedListNames, logger: Logger) {
    this.#reader = reader;
    this.#subscriber = subscriber;
    this.#names = names;
    this.#logger = logger;
  }

  /** Subscribes and loads what is published; never fails: without Redis it keeps retrying. */
  async start(): Promise<void> {
    this.#subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.#names.channel) this.#acceptJson(message);
    });
    // ioredis resubscribes by itself after a reconnection; what was published meanwhile is re-read.
    this.#subscriber.on('ready', () => void this.#sync());
    // Not awaited: with Redis away the subscription waits for it, and the API must start anyway.
    // Once it holds, read everything again: versions published before it would be missed.
    this.#subscriber.subscribe(this.#names.channel).then(
      () => this.#sync(),
      (error: unknown) => this.#logger.warn({ err: error }, 'could not subscribe to published lists'),
    );
    await this.#sync();
  }

  get(key: string): PublishedList | undefined {
    return this.#lists.get(key);
  }

  all(): PublishedList[] {
    return [...this.#lists.values()];
  }

  subscribe(subscriber: ListSubscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    for (const subscriber of this.#subscribers) subscriber.onClose();
    this.#subscribers.clear();
    this.#subscriber.disconnect();
  }

  async #sync(): Promise<void> {
    if (this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    let next = RESYNC_EVERY_MS;
    try {
      const raw = await this.#reader.hgetall(this.#names.lists);
      for (const json of Object.values(raw)) this.#acceptJson(json);
    } catch (error) {
      this.#logger.debug({ err: error }, 'could not load published lists; retrying');
      next = RETRY_SYNC_MS;
    }
    if (!this.#closed) {
      this.#timer = setTimeout(() => void this.#sync(), next);
      this.#timer.unref();
    }
  }

  #acceptJson(json: string): void {
    const decoded = decodePublishedList(json);
    if (!decoded.ok) {
      this.#logger.warn({ problem: decoded.problem }, 'ignored a published list that cannot be read');
      return;
    }
    const { list } = decoded;
    const current = this.#lists.get(list.key);
    // Messages and re-reads can cross: never step back to an older version.
    if (current && (current.publishedAtMs > list.publishedAtMs || current.etag === list.etag)) return;
    this.#lists.set(list.key, list);
    for (const subscriber of this.#subscribers) subscriber.onList(list);
  }
}
