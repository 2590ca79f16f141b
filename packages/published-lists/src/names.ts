/** Redis names the ranking worker publishes lists under and the API reads them from. */
export function publishedListNames(prefix: string) {
  return {
    /** Hash: list key → the latest published version (encodePublishedList). */
    lists: `${prefix}:lists`,
    /** Pub/sub channel: each message is one newly published version (encodePublishedList). */
    channel: `${prefix}:lists:published`,
    /** Counter bumped after every committed batch of views: "something changed". */
    appliedCounter: `${prefix}:ranking:applied`,
    /** Hash: what the last publish saw (applied counter, minute), so idle ticks do nothing. */
    publisherState: `${prefix}:ranking:publisher`,
    /** Held while one worker publishes, so overlapping ticks never compute the lists twice. */
    publishLock: `${prefix}:ranking:publish-lock`,
  };
}

export type PublishedListNames = ReturnType<typeof publishedListNames>;
