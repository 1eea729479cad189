/**
 * How a chat hands its finished exchange to memory: queued to be stored after the reply when
 * the memory can (`ChatMemory.keepExchange`, `core/memory/write_behind.ts`), stored before it
 * otherwise. `memory_stored` says the exchange will be kept: when this chat's recall failed (the
 * store is likely down) or the last store after a reply failed, it is stored before the reply,
 * so that a failure is reported as `false` rather than promised away.
 *
 * @module
 */
import type { EngineDeps, SendMessageInput } from "./engine_types.ts";
import { storedText } from "./history.ts";

/** The reply as kept, when it was given, and whether it may be stored after the reply. */
export interface KeptReply {
  response: string;
  /** When the exchange ended (ISO 8601): the memory's time, whenever it is stored. */
  at: string;
  /** False when this chat's recall failed: then it is stored before the reply. */
  later: boolean;
}

/** Hands the exchange to memory; resolves to `memory_stored` (false without memory). */
export async function keepExchange(
  deps: Pick<EngineDeps, "memory" | "log">,
  input: SendMessageInput,
  reply: KeptReply,
): Promise<boolean> {
  const { memory, log } = deps;
  if (!memory) return false;
  const exchange = {
    persona: input.persona,
    sender: storedText(input.sender),
    roomId: input.roomId,
    message: storedText(input.content),
    response: reply.response,
    at: reply.at,
  };
  const sessionId = input.session.id;
  if (reply.later && memory.keepExchange?.(exchange, { sessionId })) return true;
  try {
    await memory.rememberExchange(exchange);
    return true;
  } catch (error) {
    log.warn("Memory store failed; the answer is returned without it", { error });
    return false;
  }
}
