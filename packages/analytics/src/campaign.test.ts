import { describe, expect, it } from 'vitest';
import { campaignOf } from './campaign.ts';

describe('campaignOf', () => {
  it('reads the three utm tags, lowercased', () => {
    expect(campaignOf('https://x.test/a?utm_source=Newsletter&utm_medium=email&utm_campaign=Morning-Brief&id=4')).toEqual({
      source: 'newsletter',
      medium: 'email',
      campaign: 'morning-brief',
    });
  });
  it('keeps the tags given and null for the others', () => {
    expect(campaignOf('https://x.test/a?utm_source=x')).toEqual({ source: 'x', medium: null, campaign: null });
  });
  it('is null without tags, for empty tags and for no URL', () => {
    expect(campaignOf('https://x.test/a?ref=1')).toBeNull();
    expect(campaignOf('https://x.test/a?utm_source=&utm_medium=%20')).toBeNull();
    expect(campaignOf('nonsense')).toBeNull();
    expect(campaignOf(undefined)).toBeNull();
  });
  it('cuts long values', () => {
    expect(campaignOf(`https://x.test/?utm_campaign=${'a'.repeat(500)}`)?.campaign).toHaveLength(100);
  });
});
