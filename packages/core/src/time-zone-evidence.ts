/**
 * The time zone an article's own clock is most likely in, from what the article itself says.
 * A page may print a local time with no zone at all, so the parser (reading such a time) and the
 * reader page (printing it back) must reach the same answer from the same evidence: this module
 * is that one answer. A zone the article did print is kept with it and needs no inference.
 */

/**
 * Places whose dateline settles Japan time. Japanese papers print JST whatever the dateline, but
 * a foreign dateline alone says nothing about the paper, so only Japanese places count.
 */
const JAPANESE_PLACES = new Set([
  'TOKYO',
  'OSAKA',
  'KYOTO',
  'NAGOYA',
  'YOKOHAMA',
  'KOBE',
  'SAPPORO',
  'SENDAI',
  'FUKUOKA',
  'HIROSHIMA',
  'NAGASAKI',
  'NAHA',
  'OKINAWA',
  'NIIGATA',
  'KAWASAKI',
  'SAITAMA',
  'CHIBA',
  'KUMAMOTO',
  'KAGOSHIMA',
  'NARA',
  'KANAZAWA',
  'SHIZUOKA',
  'OKAYAMA',
  'MATSUYAMA',
  'FUKUSHIMA',
  'AOMORI',
  'NAGANO',
  'HAKODATE',
  '東京',
  '大阪',
  '京都',
  '名古屋',
  '横浜',
  '神戸',
  '札幌',
  '仙台',
  '福岡',
  '広島',
  '長崎',
  '那覇',
  '沖縄',
  '新潟',
  '川崎',
  'さいたま',
  '埼玉',
  '千葉',
  '熊本',
  '鹿児島',
  '奈良',
  '金沢',
  '静岡',
  '岡山',
  '松山',
  '福島',
  '青森',
  '長野',
  '函館',
  '東京都',
]);

const ZONE_BY_LANGUAGE: Readonly<Record<string, string>> = { ja: 'Asia/Tokyo', ko: 'Asia/Seoul' };

const ZONE_BY_COUNTRY_DOMAIN: Readonly<Record<string, string>> = {
  jp: 'Asia/Tokyo',
  kr: 'Asia/Seoul',
  cn: 'Asia/Shanghai',
  tw: 'Asia/Taipei',
  hk: 'Asia/Hong_Kong',
  sg: 'Asia/Singapore',
  in: 'Asia/Kolkata',
  uk: 'Europe/London',
  ie: 'Europe/Dublin',
  de: 'Europe/Berlin',
  fr: 'Europe/Paris',
  it: 'Europe/Rome',
  nl: 'Europe/Amsterdam',
  ch: 'Europe/Zurich',
  at: 'Europe/Vienna',
  se: 'Europe/Stockholm',
  pl: 'Europe/Warsaw',
};

export interface ZoneClues {
  dateline: string | null;
  language: string | null;
  /** The article's address, or the one its page was fetched from. */
  url: string | null;
}

export type ZoneEvidence =
  { kind: 'dateline'; dateline: string } | { kind: 'language'; language: string } | { kind: 'domain'; domain: string };

export interface InferredZone {
  timeZone: string;
  evidence: ZoneEvidence;
}

/** `TOKYO`, `Tokyo`, `東京`, `TOKYO, Japan`: the place part of a dateline, if it is in Japan. */
export function isJapaneseDateline(dateline: string | null): boolean {
  if (!dateline) return false;
  const place =
    dateline
      .split(/[,，、=＝(（]/)[0]
      ?.trim()
      .toUpperCase() ?? '';
  return JAPANESE_PLACES.has(place);
}

/**
 * The dateline first (it names where the clock on the story was), then a language spoken in one
 * zone only, then a country-code domain; null when nothing points anywhere.
 */
export function inferTimeZone(clues: ZoneClues): InferredZone | null {
  const dateline = clues.dateline?.trim();
  if (dateline && isJapaneseDateline(dateline)) return { timeZone: 'Asia/Tokyo', evidence: { kind: 'dateline', dateline } };
  const language = clues.language?.toLowerCase().split(/[-_]/)[0];
  const byLanguage = language ? ZONE_BY_LANGUAGE[language] : undefined;
  if (language && byLanguage) return { timeZone: byLanguage, evidence: { kind: 'language', language } };
  const tld = hostOf(clues.url)?.split('.').at(-1);
  const byDomain = tld ? ZONE_BY_COUNTRY_DOMAIN[tld] : undefined;
  if (tld && byDomain) return { timeZone: byDomain, evidence: { kind: 'domain', domain: `.${tld}` } };
  return null;
}

function hostOf(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/**
 * Minutes east of UTC in `timeZone` for a wall-clock time (given as if it were UTC). A time
 * skipped by a spring-forward change reads with the offset before it, like most libraries.
 */
export function zoneOffsetForLocalTime(localAsUtcMs: number, timeZone: string): number {
  const first = zoneOffsetAt(localAsUtcMs, timeZone);
  const second = zoneOffsetAt(localAsUtcMs - first * 60_000, timeZone);
  return zoneOffsetAt(localAsUtcMs - second * 60_000, timeZone) === second ? second : first;
}

/** Minutes east of UTC in `timeZone` at an instant. */
export function zoneOffsetAt(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  // setUTCFullYear, unlike Date.UTC, keeps years 0–99 where they are.
  const wall = new Date(0);
  wall.setUTCFullYear(part('year'), part('month') - 1, part('day'));
  wall.setUTCHours(part('hour'), part('minute'), part('second'), 0);
  return Math.round((wall.getTime() - Math.floor(instantMs / 1000) * 1000) / 60_000);
}
