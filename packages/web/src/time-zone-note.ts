import { longZoneName, zoneName, type SourceZone, type ZoneBasis } from './source-time.ts';

function because(basis: ZoneBasis): string {
  switch (basis.kind) {
    case 'configured':
      return `, the time zone of ${basis.source}`;
    case 'printed':
      return basis.offset ? `, as the article gives them (${basis.offset})` : ', as the article gives them';
    case 'dateline':
      return `, from the dateline ${basis.dateline}`;
    case 'language':
      return `, from the article's language (${basis.language})`;
    case 'domain':
      return `, from the source's ${basis.domain} address`;
    case 'unknown':
      return ": the source's time zone is not known";
  }
}

/**
 * `Times in Japan Standard Time (JST), from the dateline 東京.`: the zone is often a guess, so a
 * reader is told what it is and what it rests on (the operator's setting, the article's own
 * printed zone, or evidence), and can judge the printed time by that.
 */
export function timeZoneNote(instant: Date, zone: SourceZone): string {
  const short = zoneName(instant, zone.timeZone);
  const long = longZoneName(instant, zone.timeZone);
  // An offset zone's long name (GMT+09:00) is its short one (GMT+9) said again.
  const named = long === short || long.startsWith('GMT') ? short : `${long} (${short})`;
  return `Times in ${named}${because(zone.basis)}.`;
}
