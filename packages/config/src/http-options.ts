import { z } from 'zod';

/** `*` (any page may call the embeddable endpoints) or the exact origins allowed to. */
export type CorsOrigins = '*' | string[];

/** What Express's `trust proxy` setting takes: off, on, a hop count, or trusted addresses/subnets. */
export type TrustProxy = boolean | number | string[];

export const corsOrigins = z
  .string()
  .default('*')
  .transform((raw, ctx): CorsOrigins => {
    const parts = raw
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
    if (parts.length === 0 || parts.includes('*')) return '*';
    for (const part of parts) {
      if (!isOrigin(part)) {
        ctx.addIssue({
          code: 'custom',
          message: `expected * or origins such as https://news.example (scheme, host and port only), got "${part}"`,
        });
        return z.NEVER;
      }
    }
    return parts;
  });

// Express's own names for address ranges, besides literal addresses and CIDR subnets.
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const ADDRESS_OR_SUBNET = /^[0-9A-Fa-f:.]+(?:\/\d{1,3})?$/;

export const trustProxy = z
  .string()
  .default('false')
  .transform((raw, ctx): TrustProxy => {
    const value = raw.trim().toLowerCase();
    if (value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    const parts = value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
    const bad = parts.find((part) => !PROXY_NAMES.has(part) && !ADDRESS_OR_SUBNET.test(part));
    if (parts.length === 0 || bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `expected false, true, a number of proxy hops, or addresses/subnets (10.0.0.0/8, loopback), got "${bad ?? raw}"`,
      });
      return z.NEVER;
    }
    return parts;
  });

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}
