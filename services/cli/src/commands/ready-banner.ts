import type { Config } from '@newsrank/config';

/** The lines a person needs once everything answers: where to look, and how to post. */
export function readyBanner(config: Pick<Config, 'env' | 'http' | 'ingestTokens'>): string {
  const url = `http://localhost:${config.http.port}/`;
  const token = config.env === 'production' ? '<a token from INGEST_TOKENS>' : (config.ingestTokens[0] ?? '');
  return [
    `newsrank is ready: open ${url}`,
    `  post a feed:  curl -X POST '${url}v1/feeds' -H 'Authorization: Bearer ${token}' --data-binary @feed.xml`,
    `  stop:         Ctrl-C (or SIGTERM)`,
    '',
  ].join('\n');
}
