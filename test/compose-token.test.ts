import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_INGEST_TOKEN, loadConfig } from '@newsrank/config';

const compose = readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The value docker compose gives VARIABLE when the shell does not set it (`${VARIABLE:-default}`). */
function composeDefault(variable: string): string | undefined {
  const match = new RegExp(`^\\s+${variable}: \\$\\{${variable}:-([^}]*)\\}$`, 'm').exec(compose);
  return match?.[1];
}

describe('docker compose and the README', () => {
  it("agree on the ingest token: compose, left alone, runs with the README's token", () => {
    const environment = { NODE_ENV: composeDefault('NODE_ENV'), INGEST_TOKENS: composeDefault('INGEST_TOKENS') };
    expect(environment.NODE_ENV).toBeDefined();
    expect(loadConfig(environment).ingestTokens).toEqual([DEVELOPMENT_INGEST_TOKEN]);
    expect(readme).toContain(`TOKEN=${DEVELOPMENT_INGEST_TOKEN}`);
  });

  it('production through compose still needs tokens of its own', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', INGEST_TOKENS: composeDefault('INGEST_TOKENS') })).toThrow(/INGEST_TOKENS/);
  });

  it('healthcheck shell commands escape $ so compose does not read them as its variables', () => {
    for (const line of compose.split('\n').filter((text) => text.includes('CMD-SHELL'))) expect(line).not.toMatch(/(^|[^$])\$\(/);
  });
});
