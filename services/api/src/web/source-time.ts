/**
 * Which time zone an article's own page would print its time in, and that printed time.
 * Nothing stores the offset a source wrote (dates become UTC instants when parsed), so the zone
 * comes, in order, from the operator's SOURCE_TIME_ZONES, from a language spoken in one zone
 * only, or from a country-code domain of one zone; otherwise the time is shown in UTC.
 */

const ZONE_BY_LANGUAGE: Record<string, string> = { ja: 'Asia/Tokyo', ko: 'Asia/Seoul' };

const ZONE_BY_COUNTRY_DOMAIN: Record<string, string> = {
  jp: 'Asia/Tokyo', kr: 'Asia/Seoul', cn: 'Asia/Shanghai', tw: 'Asia/Taipei', hk: 'Asia/Hong_Kong', sg: 'Asia/Singapore',
  in: 'Asia/Kolkata', uk: 'Europe/London', ie: 'Europe/Dublin', de: 'Europe/Berlin', fr: 'Europe/Paris', it: 'Europe/Rome',
  nl: 'Europe/Amsterdam', ch: 'Europe/Zurich', at: 'Europe/Vienna', se: 'Europe/Stockholm', pl: 'Europe/Warsaw',
};

// ICU's English names most Asian zones "GMT+9"; readers of those papers know them by these.
const ABBREVIATIONS: Record<string, string> = {
  'Asia/Tokyo': 'JST', 'Asia/Seoul': 'KST', 'Asia/Shanghai': 'CST', 'Asia/Taipei': 'CST', 'Asia/Hong_Kong': 'HKT',
  'Asia/Singapore': 'SGT', 'Asia/Kolkata': 'IST',
};

export interface ArticleOrigin {
  source: string;
  language: string | null;
  url: string | null;
}

export function sourceTimeZone(article: ArticleOrigin, configured: Readonly<Record<string, string>>): string {
  const byConfig = configured[article.source];
  if (byConfig) return byConfig;
  const language = article.language?.toLowerCase().split(/[-_]/)[0];
  const byLanguage = language ? ZONE_BY_LANGUAGE[language] : undefined;
  if (byLanguage) return byLanguage;
  const tld = hostOf(article.url)?.split('.').at(-1);
  return (tld && ZONE_BY_COUNTRY_DOMAIN[tld]) || 'UTC';
}

function hostOf(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function zoneName(instant: Date, timeZone: string): string {
  const fixed = ABBREVIATIONS[timeZone];
  if (fixed) return fixed;
  // en-US knows American abbreviations (EST), en-GB European ones (CET, BST): take a real name if either has one.
  const names = ['en-US', 'en-GB'].map(
    (locale) => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? timeZone,
  );
  return names.find((name) => !name.startsWith('GMT+') && !name.startsWith('GMT-')) ?? names[0] ?? timeZone;
}

/** `18:42 JST, January 13, 2025`: the form news pages print their timestamps in. */
export function formatSourceTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', month: 'long', day: 'numeric', year: 'numeric',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')} ${zoneName(instant, timeZone)}, ${part('month')} ${part('day')}, ${part('year')}`;
}
