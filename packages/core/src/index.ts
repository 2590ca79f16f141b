export { canonicalUrl } from './canonical-url.ts';
export { isTrackingParam, withoutTrackingParams } from './tracking-params.ts';
export { slugify } from './slug.ts';
export { storyKeys } from './story-keys.ts';
export type { DateOrigin, StoryInput } from './story.ts';
export { isUuid } from './uuid.ts';
export { formatIsoSecond, isoSecond } from './iso-second.ts';
export {
  inferTimeZone,
  isJapaneseDateline,
  zoneOffsetAt,
  zoneOffsetForLocalTime,
  type InferredZone,
  type ZoneClues,
  type ZoneEvidence,
} from './time-zone-evidence.ts';
export { GroupCommit, type GroupCommitOptions } from './group-commit.ts';
export { matchesIfNoneMatch } from './if-none-match.ts';
