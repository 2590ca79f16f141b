import { resolveArticleReferences, type Db, type ReferencedArticle } from '@newsrank/db';
import type { ArticleRef } from './parse-events.ts';

export interface ArticleResolverOptions {
  maxEntries: number;
  /** Articles are never deleted and a key never moves: a found reference stays valid. */
  foundTtlMs: number;
  /** An unknown reference may be an article being ingested right now: forget that soon. */
  missingTtlMs: number;
}

const DEFAULTS: ArticleResolverOptions = { maxEntries: 100_000, foundTtlMs: 3_600_000, missingTtlMs: 5_000 };

const cacheKey = (ref: ArticleRef) => `${ref.kind}:${ref.ref}`;

/**
 * Maps the article references of a request to article ids, from a bounded in-memory cache
 * (least recently used first out) and at most one database query per request.
 */
export class ArticleResolver {
  readonly #db: Db;
  readonly #options: ArticleResolverOptions;
  // Map keeps insertion order: re-inserting on every hit makes the first entry the least recent.
  readonly #cache = new Map<string, { article: ReferencedArticle | null; expiresAt: number }>();

  constructor(db: Db, options: Partial<ArticleResolverOptions> = {}) {
    this.#db = db;
    this.#options = { ...DEFAULTS, ...options };
  }

  /** The article per reference (by `kind:ref`), null for references naming no article. */
  async resolve(refs: readonly ArticleRef[], nowMs = Date.now()): Promise<Map<string, ReferencedArticle | null>> {
    const resolved = new Map<string, ReferencedArticle | null>();
    const missing = new Map<string, ArticleRef>();
    for (const ref of refs) {
      const key = cacheKey(ref);
      if (resolved.has(key) || missing.has(key)) continue;
      const cached = this.#cache.get(key);
      if (cached && cached.expiresAt > nowMs) {
        this.#cache.delete(key);
        this.#cache.set(key, cached);
        resolved.set(key, cached.article);
      } else {
        missing.set(key, ref);
      }
    }
    if (missing.size === 0) return resolved;

    const asked = [...missing.values()];
    const found = await resolveArticleReferences(
      this.#db,
      asked.filter((ref) => ref.kind === 'id').map((ref) => ref.ref),
      asked.filter((ref) => ref.kind === 'key').map((ref) => ref.ref),
    );
    for (const ref of asked) {
      const article = (ref.kind === 'id' ? found.ids.get(ref.ref) : found.keys.get(ref.ref)) ?? null;
      resolved.set(cacheKey(ref), article);
      this.#remember(cacheKey(ref), article, nowMs);
    }
    return resolved;
  }

  #remember(key: string, article: ReferencedArticle | null, nowMs: number): void {
    const ttl = article === null ? this.#options.missingTtlMs : this.#options.foundTtlMs;
    this.#cache.delete(key);
    this.#cache.set(key, { article, expiresAt: nowMs + ttl });
    while (this.#cache.size > this.#options.maxEntries) {
      const oldest = this.#cache.keys().next().value;
      if (oldest === undefined) break;
      this.#cache.delete(oldest);
    }
  }
}

export { cacheKey as articleRefKey };
