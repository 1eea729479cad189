/**
 * The mind's reaction to a piece of stored events, coalesced: the events of one extraction batch
 * (a persona and sender's chats, a persona's lines of one dialogue or room) are queued with one
 * enqueue, and a persona's events are counted toward reflection with one counter update. Under
 * many sessions of one persona a piece holds up to `MAX_REACTION_EVENTS` (8) such events: this
 * turns ~24 statements into ~3, with the jobs and counters that reacting event by event leaves.
 *
 * @module
 */
import type { JsonObject } from "../jobs/mod.ts";
import type { StoredEvent } from "../memory/mod.ts";
import { EXTRACT, MAX_SOURCES } from "./extraction.ts";

/** The stored events whose extraction joins one batch, in the order stored. */
export interface ExtractionGroup {
  /** The batch's key (its queued job gathers these events' memories). */
  batchKey: string;
  personaId: string;
  /** Who spoke (chats); null for group lines. */
  sender: string | null;
  /** Whether it waits for the group lines' gathering delay (not chats). */
  delayed: boolean;
  /** Per event, its memories' ids. */
  sources: string[][];
}

/**
 * The events that get an extraction job (not the mind's own, not a client's) grouped by batch,
 * in the order each batch's first event was stored.
 */
export function extractionGroups(events: readonly StoredEvent[]): ExtractionGroup[] {
  const groups = new Map<string, ExtractionGroup>();
  for (const event of events) {
    if (event.origin === "client" || event.origin === "mind" || event.records.length === 0) {
      continue;
    }
    const chat = event.origin === "chat";
    const sender = chat ? event.sender ?? null : null;
    const batchKey = chat
      ? `${EXTRACT}:${event.persona.id}:chat:${JSON.stringify(sender)}`
      : `${EXTRACT}:${event.persona.id}:${event.thread ?? event.origin}`;
    let group = groups.get(batchKey);
    if (!group) {
      group = { batchKey, personaId: event.persona.id, sender, delayed: !chat, sources: [] };
      groups.set(batchKey, group);
    }
    group.sources.push(event.records.map((record) => record.id));
  }
  return [...groups.values()];
}

/**
 * How many of `sources` (whole events, in order) fit beside `ids` in one job of at most
 * {@linkcode MAX_SOURCES} memories, and the ids they make together. An event is never split
 * across jobs (as when each joined its batch alone).
 */
export function fitting(
  ids: readonly string[],
  sources: readonly string[][],
): { count: number; ids: string[] } {
  let together = [...ids];
  let count = 0;
  for (const event of sources) {
    const next = [...new Set([...together, ...event])];
    // A job holds at least one event, however many memories it has.
    if (next.length > MAX_SOURCES && (count > 0 || ids.length > 0)) break;
    together = next;
    count++;
  }
  return { count, ids: together };
}

/**
 * A batch merge that fills the queued job with as many of `rest`'s events as fit, and says how
 * many through `took` (none: null, so the events start a job of their own).
 */
export function fillingMerge(
  rest: readonly string[][],
  took: (count: number) => void,
): (current: JsonObject, incoming: JsonObject) => JsonObject | null {
  return (current) => {
    const { count, ids } = fitting(current.source_ids as string[], rest);
    took(count);
    return count === 0 ? null : { ...current, source_ids: ids };
  };
}

/**
 * What a persona's counter read when counting `amounts` one by one would first have reached
 * `threshold`, given that counting them together left it at `after`: the importance that
 * reflection's job is for (`after` when rounding hides the step).
 */
export function crossedAt(
  after: number,
  amounts: readonly number[],
  threshold: number,
): number {
  let reached = after - amounts.reduce((sum, amount) => sum + amount, 0);
  for (const amount of amounts) {
    reached += amount;
    if (reached >= threshold) return reached;
  }
  return after;
}

/** Per persona (in the order first stored), the summed importance of each of its events. */
export function amountsByPersona(events: readonly StoredEvent[]): Map<string, number[]> {
  const amounts = new Map<string, number[]>();
  for (const event of events) {
    if (event.origin === "mind" || event.records.length === 0) continue;
    const amount = event.records.reduce((sum, record) => sum + record.base_importance, 0);
    const persona = amounts.get(event.persona.id);
    if (persona) persona.push(amount);
    else amounts.set(event.persona.id, [amount]);
  }
  return amounts;
}
