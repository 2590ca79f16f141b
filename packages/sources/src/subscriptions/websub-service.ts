import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { findSourceById, findSourceBySlug, recordWebSub, type Db, type SourceRow } from '@newsrank/db';
import type { Logger } from '@newsrank/logger';
import type { WebSubRequestPayload } from '@newsrank/queue';
import { postToHub } from '../websub/post-to-hub.ts';
import { buildSubscribeRequest, newHubSecret } from '../websub/subscribe-request.ts';
import { verifyHubSignature } from '../websub/signature.ts';
import { readHubVerification } from '../websub/verification.ts';
import { acceptDocument } from './accept-document.ts';
import type { SourcesSettings } from './settings.ts';
import { SourceError } from './source-error.ts';
import { SOURCE_SLUG } from './source-input.ts';

/** What we ask hubs for; they may grant less, and say so when they verify. */
export const REQUESTED_LEASE_SECONDS = 10 * 86_400;

export function callbackUrl(publicUrl: string, slug: string): string {
  return `${publicUrl}/v1/websub/${encodeURIComponent(slug)}`;
}

/**
 * Asks the hub to push the source's feed to us (or renews the lease). The hub then verifies by
 * calling the callback (answerVerification); until then the subscription is `requested`.
 */
export async function requestWebSub(
  context: { db: Db; settings: SourcesSettings; logger: Logger },
  payload: WebSubRequestPayload,
): Promise<{ status: number } | null> {
  const { db, settings, logger } = context;
  const source = await findSourceById(db, payload.sourceId);
  if (!source || settings.publicUrl === null) return null;
  const secret = source.websub_secret ?? newHubSecret();
  const request = buildSubscribeRequest({
    hub: payload.hub,
    topic: payload.topic,
    callback: callbackUrl(settings.publicUrl, source.slug),
    secret,
    leaseSeconds: REQUESTED_LEASE_SECONDS,
    mode: 'subscribe',
  });
  // A renewal keeps pushing under the live lease until the hub verifies the new one.
  const renewing = source.websub_state === 'active' && source.websub_hub === payload.hub && source.websub_topic === payload.topic;
  // Recorded before asking: the hub may verify before its answer to this request arrives.
  if (!renewing) await recordWebSub(db, source.id, { hub: payload.hub, topic: payload.topic, secret, state: 'requested', expiresAt: null });
  const answer = await postToHub(request, settings.fetch);
  if (!answer.accepted) {
    logger.warn(
      { source: source.slug, hub: payload.hub, status: answer.status, answer: answer.message },
      'the WebSub hub did not take the subscription; the feed is polled',
    );
    if (!renewing) await recordWebSub(db, source.id, { hub: payload.hub, topic: payload.topic, secret, state: 'failed', expiresAt: null });
  }
  return { status: answer.status ?? 0 };
}

async function subscribedSource(db: Db, slug: string): Promise<SourceRow> {
  const source = SOURCE_SLUG.test(slug) ? await findSourceBySlug(db, slug) : undefined;
  if (!source || source.websub_hub === null || source.websub_secret === null)
    throw new SourceError('not-found', 'not_found', `no WebSub subscription for ${slug}`);
  return source;
}

/**
 * The hub's verification of intent (`GET callback?hub.mode=…&hub.topic=…&hub.challenge=…`):
 * confirmed (the challenge echoed) only for the topic we asked about; a denial is recorded.
 */
export async function answerVerification(db: Db, slug: string, query: URLSearchParams, now = new Date()): Promise<string> {
  const source = await subscribedSource(db, slug);
  const websub = { hub: source.websub_hub, topic: source.websub_topic, secret: source.websub_secret };
  const verification = readHubVerification(query, { topic: source.websub_topic ?? '', mode: 'subscribe' });
  switch (verification.kind) {
    case 'invalid':
      throw new SourceError('not-found', 'not_requested', verification.message);
    case 'denied':
      await recordWebSub(db, source.id, { ...websub, state: 'denied', expiresAt: null });
      return '';
    case 'verify': {
      const leaseSeconds = verification.leaseSeconds ?? REQUESTED_LEASE_SECONDS;
      await recordWebSub(db, source.id, { ...websub, state: 'active', expiresAt: new Date(now.getTime() + leaseSeconds * 1000) });
      return verification.challenge;
    }
  }
}

/**
 * Content the hub pushes: ingested at once like a posted document, under the source's slug —
 * only when `X-Hub-Signature` is the HMAC of the body with this subscription's secret.
 */
export async function acceptPush(
  context: { db: Db; ingestQueue: Queue },
  slug: string,
  push: { signature: string | undefined; body: Buffer; contentType: string | null; format: string },
): Promise<string> {
  const source = await subscribedSource(context.db, slug);
  if (!verifyHubSignature(push.signature, source.websub_secret!, push.body)) {
    throw new SourceError(
      'forbidden',
      'invalid_signature',
      "X-Hub-Signature is missing or is not the HMAC of the body with this subscription's secret",
    );
  }
  const id = randomUUID();
  await acceptDocument(context.db, context.ingestQueue, {
    id,
    source: source.slug,
    kind: 'feed',
    contentType: push.contentType,
    format: push.format,
    body: push.body,
  });
  return id;
}
