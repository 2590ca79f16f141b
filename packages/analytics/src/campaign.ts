/** The utm_* values of a page URL: what a campaign link carried. */
export interface CampaignTags {
  source: string | null;
  medium: string | null;
  campaign: string | null;
}

const MAX_TAG_LENGTH = 100;

function tag(params: URLSearchParams, name: string): string | null {
  const value = params.get(name)?.trim().toLowerCase();
  return value ? value.slice(0, MAX_TAG_LENGTH) : null;
}

/**
 * The campaign a page URL names with utm_source / utm_medium / utm_campaign, or null when it
 * names none. Lowercased (utm values are case-insensitive in practice: Newsletter = newsletter),
 * and cut to 100 characters; nothing else of the URL is kept.
 */
export function campaignOf(pageUrl: string | null | undefined): CampaignTags | null {
  // Most page URLs carry no campaign: they are not parsed at all.
  if (!pageUrl || !pageUrl.includes('utm_')) return null;
  let params: URLSearchParams;
  try {
    params = new URL(pageUrl).searchParams;
  } catch {
    return null;
  }
  const tags = { source: tag(params, 'utm_source'), medium: tag(params, 'utm_medium'), campaign: tag(params, 'utm_campaign') };
  return tags.source === null && tags.medium === null && tags.campaign === null ? null : tags;
}
