/**
 * Results serialized once: a handler that answers the same unchanged result again and again
 * (`persona.get` under a load of reads) keeps the result's JSON, and every reply is spliced
 * around that text ({@linkcode serializeWithin}) instead of walking and stringifying the object
 * per request. A kept result is frozen, with every object it reaches, so that no later change
 * can leave its text stale; everything else (REST, MCP tool results, nested calls) sees the
 * same plain object.
 *
 * @module
 */
import { deepFreeze } from "../../freeze.ts";

/** A kept result's JSON and its size in UTF-8 bytes. */
export interface KeptJson {
  readonly text: string;
  readonly bytes: number;
}

const kept = new WeakMap<object, KeptJson>();
const encoder = new TextEncoder();
const NON_ASCII = /[\u0080-\uffff]/;

/** UTF-8 size of `text` (a native scan decides whether it is plain ASCII first). */
export function utf8Bytes(text: string): number {
  return NON_ASCII.test(text) ? encoder.encode(text).length : text.length;
}

/**
 * Freezes `result` (deeply) and keeps its JSON; returns it. Meant for a result reused by many
 * requests: serializing it here costs what one reply would.
 */
export function keepJson<T extends object>(result: T): T {
  deepFreeze(result);
  const text = JSON.stringify(result);
  kept.set(result, { text, bytes: utf8Bytes(text) });
  return result;
}

/**
 * Keeps `text` as the JSON of `value`, on the caller's word that `JSON.stringify(value)` gives
 * exactly `text`: for a value built around a JSON text it already holds (a stored task result,
 * read by a getter), which is then sent as is, never parsed and serialized again. Not frozen: the
 * caller keeps it true (a getter that parses the text each time does). `bytes`: its UTF-8 size,
 * when the caller knows it (else measured).
 */
export function keepJsonText<T extends object>(value: T, text: string, bytes?: number): T {
  kept.set(value, { text, bytes: bytes ?? utf8Bytes(text) });
  return value;
}

/** The kept JSON of `value`, if it is a kept result. */
export function keptJson(value: unknown): KeptJson | undefined {
  return value !== null && typeof value === "object" ? kept.get(value) : undefined;
}

function sameParts(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * One kept result per key object (a cached persona), reused while the parts it was built from
 * are the same (`Object.is`); any other part builds (and keeps) a new one. Entries go with their
 * key: a key that changes is a new object.
 */
export class ResultMemo<K extends object, R extends object> {
  readonly #results = new WeakMap<K, { parts: readonly unknown[]; result: R }>();

  /** The result kept for `key` and `parts`, or `build()`'s, kept (one `build` per memo). */
  get<T extends R>(key: K, parts: readonly unknown[], build: () => T): T {
    const memo = this.#results.get(key);
    if (memo !== undefined && sameParts(memo.parts, parts)) return memo.result as T;
    const result = keepJson(build());
    this.#results.set(key, { parts, result });
    return result;
  }
}
