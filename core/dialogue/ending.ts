/**
 * How a dialogue ends (its participants cool down) and the errors for one that is gone or has
 * ended, shared by the service and a turn.
 *
 * @module
 */
import { InvalidInput, NotFound } from "../errors.ts";
import type { Dialogue } from "./repository.ts";
import type { DialogueDeps } from "./types.ts";

/** Marks `dialogue` ended and starts each remaining participant's cooldown. */
export async function finishDialogue(
  deps: Pick<DialogueDeps, "repository" | "emotions" | "clock" | "settings" | "personas">,
  dialogue: Dialogue,
  outcome: { reason: string; finalScore: number },
): Promise<void> {
  const { repository, emotions, clock, settings } = deps;
  await repository.end(dialogue.id, { reason: outcome.reason, at: clock.now() });
  for (const id of dialogue.participant_ids) {
    const persona = await deps.personas.find(id);
    const cooldown = { baseSeconds: settings.cooldownSeconds, finalScore: outcome.finalScore };
    if (persona) await emotions.coolDown(persona, cooldown);
  }
}

/** The error for a conversation id that names none. */
export function missing(id: string): NotFound {
  return new NotFound(`No conversation "${id}"; start one with conversation.start`, {
    fields: [{ field: "conversation_id", message: "names no conversation" }],
  });
}

/** Throws unless dialogue `id` (its `state`) exists and is still active. */
export function activeOrThrow(
  id: string,
  state: Pick<Dialogue, "status" | "end_reason"> | undefined,
): void {
  if (!state) throw missing(id);
  if (state.status === "ended") {
    throw new InvalidInput(`Conversation "${id}" has ended (${state.end_reason})`, [
      { field: "conversation_id", message: "names a conversation that has ended" },
    ]);
  }
}
