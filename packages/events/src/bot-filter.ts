import { isbot } from 'isbot';

/** Distinct User-Agent strings remembered; real traffic repeats a few hundred browser builds. */
const MAX_ENTRIES = 1_000;
/** Longer strings are judged every time: a client sending random huge agents must not fill memory. */
const MAX_CACHED_LENGTH = 512;

/**
 * isbot's verdict per User-Agent string. isbot runs one large regular expression per call,
 * which showed up in every event request's profile although almost every request repeats an
 * agent already seen. A Map in insertion order serves as a small LRU: a hit is moved to the end,
 * and the oldest entry goes when it is full.
 */
export function createBotFilter(maxEntries = MAX_ENTRIES): (userAgent: string | undefined) => boolean {
  const verdicts = new Map<string, boolean>();
  return (userAgent) => {
    // Every browser names itself; a request that does not is a script, whatever isbot says of nothing.
    if (userAgent === undefined || userAgent.trim() === '') return true;
    if (userAgent.length > MAX_CACHED_LENGTH) return isbot(userAgent);
    const known = verdicts.get(userAgent);
    if (known !== undefined) {
      verdicts.delete(userAgent);
      verdicts.set(userAgent, known);
      return known;
    }
    const verdict = isbot(userAgent);
    if (verdicts.size >= maxEntries) verdicts.delete(verdicts.keys().next().value as string);
    verdicts.set(userAgent, verdict);
    return verdict;
  };
}
