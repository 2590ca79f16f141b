import { describe, expect, it } from 'vitest';
import { readyBanner } from './ready-banner.ts';

describe('readyBanner', () => {
  it('names the page to open and the development token to post with', () => {
    const text = readyBanner({ env: 'development', http: { host: '0.0.0.0', port: 8080 }, ingestTokens: ['dev-token'] });
    expect(text).toContain('open http://localhost:8080/');
    expect(text).toContain("'Authorization: Bearer dev-token'");
  });

  it('never prints a production token', () => {
    const text = readyBanner({ env: 'production', http: { host: '0.0.0.0', port: 9000 }, ingestTokens: ['s3cret'] });
    expect(text).toContain('http://localhost:9000/');
    expect(text).not.toContain('s3cret');
  });
});
