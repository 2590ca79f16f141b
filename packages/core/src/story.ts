/** One story as a feed or the native API carries it, after parsing: what the store receives. */
export interface StoryInput {
  guid: string | null;
  url: string | null;
  title: string;
  summary: string | null;
  contentHtml: string | null;
  author: string | null;
  category: string | null;
  tags: string[];
  dateline: string | null;
  imageUrl: string | null;
  imageCaption: string | null;
  language: string | null;
  /** ISO-8601 UTC, or null when the document gave no readable date or one that cannot be true. */
  publishedAt: string | null;
  publishedAtOrigin: string | null;
  /** The zone publishedAt was printed in (`Asia/Tokyo`, `+09:00`), or null when it named none. */
  publishedTimeZone: string | null;
  updatedAt: string | null;
}
