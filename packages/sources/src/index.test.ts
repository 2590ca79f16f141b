import { describe, expect, it } from 'vitest';
import * as sources from './index.ts';

describe('@newsrank/sources', () => {
  it('exports the engine under the names the services call', () => {
    for (const name of [
      'checkFetchUrl',
      'isPublicAddress',
      'guardedLookup',
      'SourceUrlError',
      'fetchFeed',
      'looksLikeFeed',
      'planNextPoll',
      'feedCadence',
      'parseOpml',
      'exportOpml',
      'OpmlError',
      'discoverHub',
      'buildSubscribeRequest',
      'verifyHubSignature',
      'renewAt',
      'readHubVerification',
      'postToHub',
      'newHubSecret',
    ]) {
      expect(typeof (sources as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
