import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^\s*(sha1|sha256|sha384|sha512)=([0-9a-f]{40,128})\s*$/i;

/**
 * Whether pushed content carries a valid `X-Hub-Signature: <method>=<hex HMAC of the body>`
 * (WebSub §8). A missing, malformed or wrong signature is false; the subscriber still answers
 * 2xx (the spec says so) but must drop the content.
 */
export function verifyHubSignature(header: string | undefined, secret: string, body: Buffer): boolean {
  if (header === undefined) return false;
  const match = SIGNATURE.exec(header);
  if (match === null) return false;
  const expected = createHmac(match[1]!.toLowerCase(), secret).update(body).digest();
  const given = Buffer.from(match[2]!, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
