/**
 * What the chat engine stores (`ChatMemory`'s `rememberExchange` and `rememberTurn`): a
 * finished exchange as a private conversation memory of the persona, a dialogue turn as each
 * participant's memory in one insert. The reply or the next turn waits for the store, so what
 * searches ask of these memories is worked out after (`prepare: "quiet"`).
 *
 * @module
 */
import type { ExchangeRecord, TurnRecord } from "../chat/memory_port.ts";
import type { MemoryWriter } from "./memory_writer.ts";
import { exchangeInput, turnInputs } from "./records.ts";
import type { MemoryServiceDeps } from "./service_deps.ts";

/** What the chat engine's stores use. */
export interface ChatStoreParts {
  /** Who an exchange's sender is among the personas (`matchSender`). */
  personas: Pick<MemoryServiceDeps["personas"], "matchSender">;
  /** The memory writer. */
  writer: Pick<MemoryWriter, "storeAll">;
}

/** Stores one finished exchange as a private conversation memory of the persona. */
export async function storeExchange(
  parts: ChatStoreParts,
  exchange: ExchangeRecord,
): Promise<{ memory_id: string }> {
  const related = await parts.personas.matchSender(exchange.sender, exchange.persona.id);
  const input = exchangeInput(exchange, related);
  // One memory, as `MemoryService.store` stores it.
  const [record] = await parts.writer.storeAll([{ persona: exchange.persona, input }], {
    origin: "chat",
    sender: exchange.sender,
    // The reply waits for this store: what searches ask of it is worked out after.
    prepare: "quiet",
    field: () => "created_at",
  });
  return { memory_id: record!.id };
}

/**
 * Stores chats' exchanges queued after their replies (`write_behind.ts`) in one insert: one
 * transaction, one commit for them all.
 */
export async function storeExchanges(
  parts: ChatStoreParts,
  exchanges: readonly ExchangeRecord[],
): Promise<void> {
  const items = await Promise.all(exchanges.map(async (exchange) => {
    const related = await parts.personas.matchSender(exchange.sender, exchange.persona.id);
    const input = exchangeInput(exchange, related);
    return { persona: exchange.persona, input, sender: exchange.sender };
  }));
  await parts.writer.storeAll(items, {
    origin: "chat",
    prepare: "quiet",
    field: () => "created_at",
  });
}

/** Stores a dialogue turn: the speaker remembers what it said, each listener what it heard. */
export async function storeTurn(parts: ChatStoreParts, turn: TurnRecord): Promise<void> {
  // In one insert: the participants' memories share one commit.
  await parts.writer.storeAll(turnInputs(turn), {
    origin: "dialogue",
    thread: turn.dialogueId,
    // The next turn waits for this store: what searches ask of it is worked out after.
    prepare: "quiet",
    field: () => "created_at",
  });
}
