import { describe, expect, it } from 'vitest';
import { localAddress } from './local-address.ts';

describe('localAddress', () => {
  it.each([
    ['postgres://postgres@127.0.0.1:5432/newsrank', 'postgres', { port: 5432, listen: ['127.0.0.1'], user: 'postgres' }],
    ['postgres://newsrank:secret@localhost:15432/db', 'postgres', { port: 15432, listen: ['127.0.0.1', '::1'], user: 'newsrank' }],
    ['postgres://127.0.0.1/newsrank', 'postgres', { port: 5432, listen: ['127.0.0.1'], user: 'postgres' }],
    ['redis://127.0.0.1:16379', 'redis', { port: 16379, listen: ['127.0.0.1'], user: 'postgres' }],
    ['redis://localhost', 'redis', { port: 6379, listen: ['127.0.0.1', '::1'], user: 'postgres' }],
    ['redis://[::1]:7000', 'redis', { port: 7000, listen: ['::1'], user: 'postgres' }],
  ] as const)('%s is served locally', (url, kind, expected) => {
    expect(localAddress(url, kind)).toEqual(expected);
  });

  it.each([
    ['postgres://postgres@db.internal:5432/newsrank', 'postgres'],
    ['postgres://postgres@10.0.0.5:5432/newsrank', 'postgres'],
    ['redis://redis:6379', 'redis'],
    ['redis+cluster://127.0.0.1:7000,127.0.0.1:7001', 'redis'],
    ['not a url', 'redis'],
  ] as const)('%s is left to its own server', (url, kind) => {
    expect(localAddress(url, kind)).toBeNull();
  });
});
