/**
 * Test support for parity_test.ts: how a scenario calls a method (`Call`), and the state the
 * scenarios share, set up once per interface (personas, a room, a lorebook, a card, a
 * persona-to-persona conversation, a finished simulation run).
 *
 * @module
 */
import { lorebookV3File, v2Card } from "./_cards.ts";

/** Calls a method over one interface; resolves to its result, throws on an error reply. */
export type Call = (
  method: string,
  params?: Record<string, unknown>,
) => Promise<Record<string, unknown>>;
/** What one method's scenario does over an interface; its result is compared. */
export type Scenario = (call: Call) => Promise<unknown>;

/** Creates a persona named `name`; its id. */
export async function createPersona(call: Call, name: string): Promise<string> {
  return (await call("persona.create", { name })).persona_id as string;
}

/** The ids of Aria and Kira (created by the persona scenarios). */
export async function personaIds(call: Call): Promise<[string, string]> {
  const { personas } = await call("persona.list") as {
    personas: Array<{ id: string; name: string }>;
  };
  const id = (name: string) => personas.find((persona) => persona.name === name)!.id;
  return [id("Aria"), id("Kira")];
}

const dialogueIds = new WeakMap<Call, string>();
const roomIds = new WeakMap<Call, string>();
const lorebookIds = new WeakMap<Call, string>();

/** A room with Aria and Kira, opened once per interface. */
export async function activeRoom(call: Call): Promise<string> {
  if (!roomIds.has(call)) {
    const opened = await call("room.create", {
      persona_ids: ["Aria", "kira"],
      scenario: "A quiet inn",
    });
    roomIds.set(call, opened.room_id as string);
  }
  return roomIds.get(call)!;
}

/** A lorebook imported once per interface. */
export async function activeLorebook(call: Call): Promise<string> {
  if (!lorebookIds.has(call)) {
    const imported = await call("lorebook.import", { lorebook: lorebookV3File() });
    lorebookIds.set(call, imported.lorebook_id as string);
  }
  return lorebookIds.get(call)!;
}

/** Captain Vale, imported once per interface (a card with a greeting and a book). */
export async function captain(call: Call): Promise<string> {
  const { personas } = await call("persona.list") as {
    personas: Array<{ id: string; name: string }>;
  };
  const found = personas.find((persona) => persona.name === "Captain Vale");
  if (found) return found.id;
  return (await call("persona.import_card", { card: v2Card() })).persona_id as string;
}

/** The persona-to-persona conversation the scenarios share, started once per interface. */
export async function activeDialogue(call: Call): Promise<string> {
  if (!dialogueIds.has(call)) {
    const started = await call("conversation.start", { participants: await personaIds(call) });
    dialogueIds.set(call, started.conversation_id as string);
  }
  return dialogueIds.get(call)!;
}

/** Makes `conversationId` (started by the conversation.start scenario) the one they share. */
export function shareDialogue(call: Call, conversationId: string): void {
  dialogueIds.set(call, conversationId);
}

/** Makes Aria the active persona; her id. */
export async function asAria(call: Call): Promise<string> {
  return (await call("persona.switch", { persona_id: "Aria" })).persona_id as string;
}

/** Stores `content` as Aria's memory (with `extra` params). */
export async function storeAsAria(
  call: Call,
  content: string,
  extra: Record<string, unknown> = {},
) {
  await asAria(call);
  return (await call("memory.store", { content, ...extra })).memory_id as string;
}

/** Polls a simulation run until it has finished; resolves to its last status. */
export async function settledRun(call: Call, runId: string): Promise<Record<string, unknown>> {
  while (true) {
    const status = await call("simulation.status", { run_id: runId });
    if (status.status !== "running") return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A call expected to fail, as a comparable result (its message). */
export function failureOf(call: Promise<unknown>): Promise<Record<string, unknown>> {
  return call.then(
    (result) => ({ unexpected: result }),
    (error: Error) => ({ failed: error.message }),
  );
}
