import { Type, type Static } from '@sinclair/typebox';
import { Literals } from './fields.ts';

export const Health = Type.Object({ status: Type.Literal('ok') });
export type Health = Static<typeof Health>;

export const Check = Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) });
export type Check = Static<typeof Check>;

export const Readiness = Type.Object({
  status: Literals(['ready', 'unavailable']),
  checks: Type.Object({ postgres: Check, redis: Check, migrations: Check }),
});
export type Readiness = Static<typeof Readiness>;
