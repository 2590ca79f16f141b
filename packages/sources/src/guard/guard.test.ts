import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { checkFetchUrl } from './check-fetch-url.ts';
import { guardedLookup } from './guarded-lookup.ts';
import { isPublicAddress } from './public-address.ts';
import { SourceUrlError } from './source-url-error.ts';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '0.0.0.0',
    '0.1.2.3',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '100.127.255.255',
    '169.254.169.254',
    '192.0.0.8',
    '192.0.2.1',
    '198.18.0.1',
    '198.19.255.255',
    '198.51.100.7',
    '203.0.113.9',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    'fec0::1',
    '100::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '[::1]',
    '64:ff9b::127.0.0.1',
    '64:ff9b::a00:1',
    '2002:7f00:1::',
    '2002:c0a8:101::1',
    '::127.0.0.1',
    '2001:db8::1',
    '2001::1',
    '3fff::1',
    'not an address',
    '',
    'localhost',
    '1.2.3',
    '2130706433',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.215.14',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '169.253.0.1',
    '198.17.255.255',
    '198.20.0.1',
    '223.255.255.255',
    '192.0.1.1',
    '2606:4700::1111',
    '2a00:1450:4001:80b::200e',
    '[2606:4700::1111]',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('checkFetchUrl', () => {
  const codeOf = (url: string, allowPrivate = false): string => {
    try {
      checkFetchUrl(url, { allowPrivate });
      return 'ok';
    } catch (error) {
      expect(error).toBeInstanceOf(SourceUrlError);
      expect((error as SourceUrlError).message).not.toBe('');
      return (error as SourceUrlError).code;
    }
  };

  it.each([
    ['https://news.example/feed.xml', 'ok'],
    ['http://news.example:8080/rss', 'ok'],
    ['http://8.8.8.8/feed', 'ok'],
    ['http://[2606:4700::1111]/feed', 'ok'],
    ['feed.xml', 'invalid-url'],
    ['', 'invalid-url'],
    ['http://', 'invalid-url'],
    ['https://user:secret@news.example/feed', 'invalid-url'],
    ['https://user@news.example/feed', 'invalid-url'],
    [`https://news.example/${'a'.repeat(3000)}`, 'invalid-url'],
    ['ftp://news.example/feed', 'unsupported-scheme'],
    ['file:///etc/passwd', 'unsupported-scheme'],
    ['javascript:alert(1)', 'unsupported-scheme'],
    ['gopher://127.0.0.1:6379/_INFO', 'unsupported-scheme'],
    ['http://127.0.0.1/', 'refused-address'],
    ['http://localhost:8080/', 'refused-address'],
    ['http://LOCALHOST./', 'refused-address'],
    ['http://feeds.localhost/', 'refused-address'],
    ['http://169.254.169.254/latest/meta-data/', 'refused-address'],
    ['http://10.1.2.3/feed', 'refused-address'],
    ['http://192.168.0.1/feed', 'refused-address'],
    ['http://100.100.100.200/', 'refused-address'],
    ['http://0.0.0.0:8080/', 'refused-address'],
    ['http://[::1]/feed', 'refused-address'],
    ['http://[::ffff:127.0.0.1]/feed', 'refused-address'],
    ['http://[fd00::1]/feed', 'refused-address'],
    ['http://2130706433/', 'refused-address'],
    ['http://0x7f.1/', 'refused-address'],
    ['http://017700000001/', 'refused-address'],
    ['http://0x7f000001/', 'refused-address'],
    ['http://127.1/', 'refused-address'],
  ])('%s → %s', (url, code) => {
    expect(codeOf(url)).toBe(code);
  });

  it('allows private hosts when told to, but never other schemes or credentials', () => {
    expect(checkFetchUrl('http://2130706433:8080/feed', { allowPrivate: true }).href).toBe('http://127.0.0.1:8080/feed');
    expect(codeOf('http://localhost/', true)).toBe('ok');
    expect(codeOf('ftp://localhost/', true)).toBe('unsupported-scheme');
    expect(codeOf('http://a:b@localhost/', true)).toBe('invalid-url');
  });

  it('says which address was refused and why', () => {
    expect(() => checkFetchUrl('http://2130706433/')).toThrow(/127\.0\.0\.1 is a loopback address.*FETCH_ALLOW_PRIVATE/);
    expect(() => checkFetchUrl('http://169.254.169.254/')).toThrow(/cloud metadata/);
  });
});

describe('guardedLookup', () => {
  const resolve = (host: string, allowPrivate: boolean, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[] }>((done) => {
      guardedLookup(allowPrivate)(host, { all }, (error, address) => done({ error, address }));
    });

  it.each(['localhost', '127.0.0.1', '169.254.169.254', '10.0.0.1', '::1', '::ffff:127.0.0.1'])(
    'refuses %s by default, for one address and for all',
    async (host) => {
      for (const all of [false, true]) {
        const { error } = await resolve(host, false, all);
        expect(error).toBeInstanceOf(SourceUrlError);
        expect((error as unknown as SourceUrlError).code).toBe('refused-address');
      }
    },
  );

  it('hands over the checked address, in the form the caller asked for', async () => {
    expect(await resolve('8.8.8.8', false, false)).toEqual({ error: null, address: '8.8.8.8' });
    expect(await resolve('8.8.8.8', false, true)).toEqual({ error: null, address: [{ address: '8.8.8.8', family: 4 }] });
  });

  it('lets private addresses through when they are allowed', async () => {
    const { error, address } = await resolve('localhost', true, true);
    expect(error).toBeNull();
    expect((address as LookupAddress[]).length).toBeGreaterThan(0);
  });
});
