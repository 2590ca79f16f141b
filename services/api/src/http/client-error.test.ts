import { describe, expect, it } from 'vitest';
import { clientErrorResponse, refusalFor, type ClientError } from './client-error.ts';

const parserError = (code: string): ClientError => Object.assign(new Error('Parse Error'), { code });

describe('answers to requests the HTTP parser refused', () => {
  it('names what was wrong', () => {
    expect(refusalFor(parserError('HPE_INVALID_URL'))).toMatchObject({ status: 400, code: 'invalid_url' });
    expect(refusalFor(parserError('HPE_HEADER_OVERFLOW'))).toMatchObject({ status: 431, code: 'headers_too_large' });
    expect(refusalFor(parserError('ERR_HTTP_REQUEST_TIMEOUT'))).toMatchObject({ status: 408, code: 'request_timeout' });
    expect(refusalFor(parserError('HPE_INVALID_METHOD'))).toMatchObject({ status: 400, code: 'bad_request' });
  });

  it('is a whole HTTP/1.1 response with the error shape, its length and a request id', () => {
    const text = clientErrorResponse({ status: 400, code: 'invalid_url', message: 'percent-encode it: 政治' }, 'id-1');
    const [head, body] = text.split('\r\n\r\n') as [string, string];
    const lines = head.split('\r\n');
    expect(lines[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(lines).toContain('x-request-id: id-1');
    expect(lines).toContain('connection: close');
    expect(lines).toContain(`content-length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toEqual({ error: { code: 'invalid_url', message: 'percent-encode it: 政治' } });
  });
});
