import { Type, type Static } from '@sinclair/typebox';

/** What every refusal of the API answers with, whatever layer refuses. */
export const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String({ examples: ['not_found', 'rate_limited'] }), message: Type.String() }),
});
export type ErrorBody = Static<typeof ErrorBody>;

export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });
