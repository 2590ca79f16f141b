/**
 * Query parameters that say how a reader reached a link (campaign, click and referral tags),
 * never which story it names. The one list both the stored article `url` and the canonical
 * identity URL are cleaned with, so a story linked with and without them is one article.
 * Names are compared lower-cased.
 */
const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  // Ad and social click identifiers.
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'ysclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'igsh',
  'epik',
  'srsltid',
  's_kwcid',
  // Newsletter and marketing-automation tags (Mailchimp, HubSpot, Marketo, Vero, Olytics).
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  '__hstc',
  '__hssc',
  '__hsfp',
  'hsctatracking',
  'mkt_tok',
  'vero_id',
  'vero_conv',
  'oly_anon_id',
  'oly_enc_id',
  'rb_clickid',
  'wickedid',
  // Analytics cross-domain and referral tags (Google Analytics, X/Twitter, AT Internet).
  '_ga',
  '_gl',
  'ref_src',
  'ref_url',
  'xtor',
  // Matomo (formerly Piwik) campaign tags, named one by one: `pk_id` may be a site's own key.
  'pk_campaign',
  'pk_kwd',
  'pk_keyword',
  'pk_source',
  'pk_medium',
  'pk_content',
  'pk_cid',
  'mtm_campaign',
  'mtm_kwd',
  'mtm_keyword',
  'mtm_source',
  'mtm_medium',
  'mtm_content',
  'mtm_cid',
  'mtm_group',
  'mtm_placement',
  'piwik_campaign',
  'piwik_kwd',
  'piwik_keyword',
]);

export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  // Every `utm_*` is a campaign tag (Google's convention, used by every analytics tool).
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

/**
 * The URL with tracking parameters removed and every other character kept as written (host
 * case, parameter order, encoding, fragment): a stored link stays the publisher's link, only
 * cleaner. Anything without a query is returned unchanged.
 */
export function withoutTrackingParams(url: string): string {
  const hash = url.indexOf('#');
  const beforeHash = hash === -1 ? url : url.slice(0, hash);
  const question = beforeHash.indexOf('?');
  if (question === -1) return url;
  const pairs = beforeHash.slice(question + 1).split('&');
  const kept = pairs.filter((pair) => !isTrackingParam(paramName(pair)));
  if (kept.length === pairs.length) return url;
  const query = kept.filter((pair) => pair !== '').join('&');
  return `${beforeHash.slice(0, question)}${query === '' ? '' : `?${query}`}${hash === -1 ? '' : url.slice(hash)}`;
}

function paramName(pair: string): string {
  const eq = pair.indexOf('=');
  const raw = (eq === -1 ? pair : pair.slice(0, eq)).replaceAll('+', ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
