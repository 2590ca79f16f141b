import { hash } from 'node:crypto';
import pg from 'pg';

/** Statement text → the name it is prepared under on each connection. */
const names = new Map<string, string>();

/**
 * Marks a statement's text (with `$n` parameters) to be sent as a named prepared statement by
 * every pool that createDb() makes, and returns it unchanged. PostgreSQL then parses and
 * analyses it once per connection instead of at every call, and its plan cache may keep a
 * generic plan where that costs no more than planning afresh. For statements sent often with
 * parameters only; the text must not embed per-call values, or each would become a statement of
 * its own on every connection.
 */
export function preparedStatement(text: string): string {
  if (!names.has(text)) names.set(text, `nr_${hash('sha1', text, 'hex').slice(0, 20)}`);
  return text;
}

/** The name a text is prepared under, or undefined when it is sent unnamed (as all others are). */
export function preparedStatementName(text: string): string | undefined {
  return names.get(text);
}

/**
 * A pg Client that sends the texts marked by preparedStatement() by name. The query builder
 * hands the driver a text and its values; this is where a name can still be attached. The name
 * follows from the text, so two texts never share one (pg refuses that) and every process
 * prepares a statement under the same name.
 */
export class PreparingClient extends pg.Client {
  // pg's overloads (text or config, then values and/or a callback) all pass through; only a
  // marked text sent with its values changes.
  override query(config: any, values?: any, callback?: any): any {
    const name = typeof config === 'string' && Array.isArray(values) ? names.get(config) : undefined;
    return name === undefined ? super.query(config, values, callback) : super.query({ name, text: config, values }, callback);
  }
}
