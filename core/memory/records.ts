/**
 * Building memory records: a new memory from client input, and the chat engine's
 * exchanges and recalls in memory terms.
 *
 * @module
 */
import { isoTime } from "../clock.ts";
import type { ExchangeRecord, RecalledMemory, TurnRecord } from "../chat/memory_port.ts";
import { InvalidInput } from "../errors.ts";
import { clamp, roundTo } from "../numbers.ts";
import type { Persona } from "../personas/mod.ts";
import type { MemoryPage, PageQuery } from "./backend_reads.ts";
import { scoreImportance } from "./importance.ts";
import { decodePageKey, encodePageKey } from "./page_keys.ts";
import { countWithin } from "../paging.ts";
import { analysedTerms } from "./text.ts";
import { cutFolded } from "./folded_cut.ts";
import { CONTENT_LIMIT, type MemoryInput, type MemoryRecord } from "./schema.ts";

/** How far in the future a client's `created_at` may be (clock skew) before it is refused. */
const FUTURE_SKEW_MS = 60_000;

/** The creation time of a new memory: the client's `created_at` (not in the future), else now. */
export function creationTime(input: MemoryInput, now: number, field = "created_at"): string {
  if (input.created_at === undefined) return isoTime(now);
  const at = Date.parse(input.created_at);
  if (at > now + FUTURE_SKEW_MS) {
    throw new InvalidInput(`Cannot store a memory created in the future (${input.created_at})`, [
      { field, message: "must not be in the future" },
    ]);
  }
  return isoTime(Math.min(at, now));
}

/** A new memory of `persona`; importance is scored from the content when the input has none. */
export function newRecord(
  persona: Persona,
  input: MemoryInput,
  context: { createdAt: string; embedder: string; id?: string },
): MemoryRecord {
  // The limit counts folded characters too: every analyser reads the content folded.
  const content = cutFolded(input.content, CONTENT_LIMIT);
  const importance = input.importance ??
    scoreImportance(content, { topicPreferences: persona.topic_preferences });
  return {
    id: context.id ?? crypto.randomUUID(),
    persona_id: persona.id,
    content,
    memory_type: input.memory_type,
    importance,
    base_importance: importance,
    importance_set_at: context.createdAt,
    emotional_valence: input.emotional_valence,
    related_personas: input.related_personas,
    visibility: input.visibility,
    metadata: input.metadata,
    created_at: context.createdAt,
    last_accessed: null,
    accessed_count: 0,
    embedder: context.embedder,
    superseded_by: null,
    supersedes: [...new Set(input.supersedes ?? [])],
    source_ids: [...new Set(input.source_ids ?? [])],
  };
}

/**
 * An exchange as a private conversation memory: both sides in the content, importance scored on
 * what was said, and `related`, the persona the sender names if another than the exchange's
 * (`PersonaService.matchSender`: by id or by name, look-alikes included), in `related_personas`.
 */
export function exchangeInput(exchange: ExchangeRecord, related?: Persona): MemoryInput {
  const { persona, sender, message, response, roomId } = exchange;
  const content = `${sender} said: ${message}\n${persona.name} replied: ${response}`;
  // The reply ends both the scored text and the memory: read once, each of them then reads only
  // what comes before it (`text.ts`).
  analysedTerms(response);
  return {
    content: content.slice(0, CONTENT_LIMIT),
    memory_type: "conversation",
    importance: scoreImportance(`${message}\n${response}`, {
      topicPreferences: persona.topic_preferences,
    }),
    emotional_valence: 0,
    related_personas: related ? [related.id] : [],
    visibility: "private",
    metadata: { sender, room_id: roomId },
    // Stored after the reply (`write_behind.ts`): kept as of when it was said.
    ...(exchange.at === undefined ? {} : { created_at: exchange.at }),
  };
}

/**
 * A dialogue turn as one memory per persona present: the speaker remembers what it said, each
 * listener what it heard, with the turn's quality as emotional valence.
 */
export function turnInputs(turn: TurnRecord): Array<{ persona: Persona; input: MemoryInput }> {
  const { speaker, listeners, content, topic, quality, dialogueId } = turn;
  const about = topic ? ` (about ${topic})` : "";
  const metadata = { conversation_id: dialogueId, topic, speaker_id: speaker.id };
  const base = { memory_type: "conversation", visibility: "private" as const, metadata };
  const valence = clamp(quality, -1, 1);
  const heard = listeners.filter((listener) => listener.id !== speaker.id);
  return [
    {
      persona: speaker,
      input: {
        ...base,
        content: `I said to ${heard.map((p) => p.name).join(", ") || "no one"}${about}: ${content}`
          .slice(0, CONTENT_LIMIT),
        importance: scoreImportance(content, { topicPreferences: speaker.topic_preferences }),
        emotional_valence: valence,
        related_personas: heard.map((listener) => listener.id),
      },
    },
    ...heard.map((listener) => ({
      persona: listener,
      input: {
        ...base,
        content: `${speaker.name} said${about}: ${content}`.slice(0, CONTENT_LIMIT),
        importance: scoreImportance(content, { topicPreferences: listener.topic_preferences }),
        emotional_valence: valence,
        related_personas: [speaker.id],
      },
    })),
  ];
}

/**
 * A ranked memory as the chat engine's {@linkcode RecalledMemory}: its fields as its search hit
 * gives them (`hit`, the score rounded alike), read from the record without the hit's copy of it.
 */
export function recalled(item: { record: MemoryRecord; score: number }): RecalledMemory {
  const { record } = item;
  return {
    id: record.id,
    content: record.content,
    importance: record.importance,
    memory_type: record.memory_type,
    created_at: record.created_at,
    score: roundTo(item.score, 4),
  };
}

/**
 * Orders memories oldest first by `(created_at, id)`: the key order of a backend without a
 * storing order (Chroma), which {@linkcode pageOf} pages by.
 */
export function byTimeThenId(a: MemoryRecord, b: MemoryRecord): number {
  return compareKeys(a.created_at, a.id, b.created_at, b.id);
}

function compareKeys(at: string, id: string, otherAt: string, otherId: string): number {
  if (at !== otherAt) return at < otherAt ? -1 : 1;
  return id < otherId ? -1 : id > otherId ? 1 : 0;
}

/**
 * A page of one persona's `records` (oldest first) as `memory.list` shows it, newest first, for
 * a backend that cannot page where they are stored. After a key, the page starts right after
 * that memory (found by id), or, when it is gone, at the first memory below its key: `records`
 * must then be ordered by {@linkcode byTimeThenId}, so none of its time not yet sent is skipped.
 */
export function pageOf(records: readonly MemoryRecord[], query: PageQuery): MemoryPage {
  const matching = records
    .filter((record) => !query.memoryType || record.memory_type === query.memoryType)
    .reverse();
  let start = query.offset;
  if (query.after !== undefined) {
    const key = decodePageKey(query.after);
    const at = matching.findIndex((record) => record.id === key.tie);
    start = at >= 0
      ? at + 1
      : matching.findIndex((record) =>
        compareKeys(record.created_at, record.id, key.createdAt, key.tie) < 0
      );
    if (start < 0) start = matching.length;
  }
  let page = matching.slice(start, start + query.limit);
  if (query.budgetBytes !== undefined) {
    page = page.slice(0, countWithin(page, page.length, query.budgetBytes));
  }
  const last = page.at(-1);
  return {
    records: page,
    total: matching.length,
    more: start + page.length < matching.length,
    next: last && encodePageKey({ createdAt: last.created_at, tie: last.id }),
  };
}
