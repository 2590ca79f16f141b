import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './database-unavailable.ts';

const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET')],
    ['the pool timing out on connect', new Error('timeout exceeded when trying to connect')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    [
      'a connect timeout wrapping its cause',
      new Error('Connection terminated due to connection timeout', { cause: new Error('timeout expired') }),
    ],
    ['the server shutting down', withCode('57P01', 'terminating connection due to administrator command')],
    ['the server starting up', withCode('57P03', 'the database system is starting up')],
    ['no connection slots left', withCode('53300', 'sorry, too many clients already')],
    ['a connection exception', withCode('08006')],
    ['an error caused by a refused connection', new Error('query failed', { cause: withCode('ECONNREFUSED') })],
  ])('%s is unavailability', (_what, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', withCode('42601', 'syntax error at or near')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['something that is not an error', 'ECONNREFUSED'],
  ])('%s is not', (_what, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});
