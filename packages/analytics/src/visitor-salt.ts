import { randomBytes } from 'node:crypto';
import type { RedisClient } from '@newsrank/queue';

const DAY_MS = 86_400_000;
/** Requests that began just before midnight may still ask for the old day's salt. */
const GRACE_MS = 60_000;

/**
 * The salt of each UTC day, shared by every API replica through Redis and nowhere else: the
 * first replica to ask creates it (SET NX), it expires a minute after its day ends, and each
 * replica forgets it then too. Once gone, no stored data can link a visitor key to an address.
 */
export class VisitorSalts {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  #cached: { day: number; salt: string } | null = null;
  #pending: { day: number; salt: Promise<string> } | null = null;

  constructor(redis: RedisClient, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  /** The salt of the day holding `nowMs`. */
  async saltFor(nowMs: number): Promise<string> {
    const day = Math.floor(nowMs / DAY_MS);
    if (this.#cached?.day === day) return this.#cached.salt;
    if (this.#pending?.day === day) return this.#pending.salt;
    const salt = this.#load(day).finally(() => {
      if (this.#pending?.day === day) this.#pending = null;
    });
    this.#pending = { day, salt };
    return salt;
  }

  async #load(day: number): Promise<string> {
    const key = `${this.#prefix}:visitor-salt:${day}`;
    const expiresAt = (day + 1) * DAY_MS + GRACE_MS;
    await this.#redis.set(key, randomBytes(32).toString('base64url'), 'PXAT', expiresAt, 'NX');
    const salt = await this.#redis.get(key);
    if (salt === null) throw new Error(`visitor salt ${key} vanished right after it was set`);
    this.#cached = { day, salt };
    return salt;
  }
}
