import type { IncomingHttpHeaders } from 'node:http';

/** How much of an error page is read to recognise a bot challenge. */
export const CHALLENGE_SNIFF_BYTES = 64 * 1024;

const SIGNS: readonly [RegExp, string][] = [
  [
    /<title>\s*just a moment\.*\s*<\/title>|cdn-cgi\/challenge-platform|cf-browser-verification|cf_chl_|attention required! \| cloudflare/,
    'Cloudflare',
  ],
  [/ddos-guard/, 'DDoS-Guard'],
  [/sucuri website firewall/, 'Sucuri'],
  [/captcha-delivery\.com|datadome/, 'DataDome'],
  [/px-captcha|perimeterx/, 'PerimeterX'],
  [/g-recaptcha|h-captcha|hcaptcha\.com|challenges\.cloudflare\.com\/turnstile|\bcaptcha\b/, 'a captcha'],
  [/checking (?:if the site connection is secure|your browser)|enable javascript and cookies to continue/, 'a browser check'],
];

/**
 * The bot-protection service whose challenge page this is (`Cloudflare`, `a captcha`…), or null
 * for an ordinary error answer. Only HTML pages count: a feed never is one.
 */
export function challengeOf(headers: IncomingHttpHeaders, body: Buffer): string | null {
  if (String(headers['cf-mitigated'] ?? '').toLowerCase() === 'challenge') return 'Cloudflare';
  const text = body.subarray(0, CHALLENGE_SNIFF_BYTES).toString('latin1').toLowerCase();
  const type = String(headers['content-type'] ?? '').toLowerCase();
  if (!type.includes('html') && !/^\s*<(?:!doctype html|html)/.test(text)) return null;
  for (const [pattern, name] of SIGNS) if (pattern.test(text)) return name;
  return null;
}
