/**
 * Test support for the storage contract's cases (`contract*_test.ts`): a database migrated for
 * every repository they cover, with two personas, and the chat messages, dialogues and turns
 * they store.
 *
 * @module
 */
import { historyMigrations, type StoredMessage } from "../../chat/mod.ts";
import { characterMigrations } from "../../characters/mod.ts";
import { dialogueMigrations } from "../../dialogue/mod.ts";
import type { Dialogue, DialogueTurn } from "../../dialogue/repository.ts";
import { loreMigrations } from "../../lore/mod.ts";
import { memoryMigrationsFor } from "../../memory/mod.ts";
import { type Persona, personaMigrations } from "../../personas/mod.ts";
import { createdNamed, personaServiceOn } from "../../personas/testing/stored_personas.ts";
import { roomMigrations } from "../../rooms/mod.ts";
import { savedSessionMigrations } from "../../sessions/mod.ts";
import type { Database } from "../database.ts";
import { storageMigrations } from "../migrations.ts";

/** Migrates `db` for every repository of the contract and creates the personas Aria and Kira. */
export async function setup(db: Database) {
  await db.migrate([
    ...storageMigrations,
    ...personaMigrations,
    ...savedSessionMigrations,
    ...historyMigrations,
    ...dialogueMigrations,
    ...characterMigrations,
    ...roomMigrations,
    ...loreMigrations,
    ...memoryMigrationsFor({ MEMORY_BACKEND: "chroma" }),
  ]);
  const personas = personaServiceOn(db);
  const [aria, kira] = await createdNamed(personas, ["Aria", "Kira"]);
  return { personas, aria: aria!, kira: kira! };
}

/** Chat message `n` of `persona` (session s1, no room), with `fields` changed. */
export function message(
  persona: Persona,
  n: number,
  fields: Partial<StoredMessage> = {},
): StoredMessage {
  return {
    id: `msg_${n}`,
    persona_id: persona.id,
    session_id: "s1",
    room_id: null,
    sender: "user",
    content: `hello ${n}`,
    response: `hi ${n}`,
    model: "m",
    prompt_tokens: 3,
    completion_tokens: 4,
    response_time_ms: 5,
    created_at: `2026-01-01T00:00:0${n}.000Z`,
    kind: "exchange",
    greeting_index: null,
    ...fields,
  };
}

/** An active dialogue `id` of `participants`, started at `startedAt`, with no turns. */
export function dialogue(id: string, participants: string[], startedAt: number): Dialogue {
  return {
    id,
    topic: "tea",
    token_budget: 100,
    tokens_used: 0,
    turn_count: 0,
    last_score: null,
    last_speaker_id: null,
    status: "active",
    end_reason: null,
    started_at: startedAt,
    ended_at: null,
    participant_ids: participants,
  };
}

/** Turn `n` of dialogue `id`, spoken by `speaker`. */
export function turn(id: string, n: number, speaker: Persona): DialogueTurn {
  return {
    dialogue_id: id,
    turn_number: n,
    speaker_id: speaker.id,
    speaker_name: speaker.name,
    content: `line ${n}`,
    continue_score: 50 + n,
    reasons: ["r"],
    factors: { f: 1 },
    response_type: "full",
    quality: 0.5,
    tokens: 10,
    created_at: 1000 + n,
  };
}
