import { describe, expect, it } from 'vitest';
import { isEmbeddablePath } from './cors.ts';

describe('isEmbeddablePath', () => {
  it('matches the embeddable endpoints and what lies below them, as a mount would', () => {
    for (const path of ['/v1/events', '/v1/hit', '/v1/ranking', '/v1/popular', '/v1/ranking/stream', '/v1/ranking/', '/V1/Ranking']) {
      expect(isEmbeddablePath(path), path).toBe(true);
    }
  });

  it('does not match other paths, nor paths that only start with the same letters', () => {
    for (const path of ['/', '/v1/articles', '/v1/categories', '/v1/rankings', '/v1/eventsx', '/healthz', '/x/v1/ranking']) {
      expect(isEmbeddablePath(path), path).toBe(false);
    }
  });
});
