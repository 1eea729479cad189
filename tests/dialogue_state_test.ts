/**
 * The cheap checks a dialogue turn makes of its conversation: an unknown conversation is refused
 * by its claim, before the turn waits for anything, and a conversation another node ended while
 * the model spoke gets nothing written (the commit reads its state with the claim's token: no
 * turn, no memory, no effects).
 */
import assert from "node:assert/strict";
import { ManualClock } from "../core/clock.ts";
import { DialogueRepository } from "../core/dialogue/mod.ts";
import { InvalidInput, NotFound } from "../core/errors.ts";
import type { ChatCall, ChatResult } from "../core/llm/client.ts";
import { type Persona, PersonaCreate } from "../core/personas/mod.ts";
import { createServices } from "../core/services.ts";
import { ScriptedModel } from "../core/simulation/mod.ts";
import { testConfig, testLogger } from "./_helpers.ts";

/** The scripted model, with a hook that runs while it "speaks". */
class HookedModel extends ScriptedModel {
  whileSpeaking: (() => Promise<void>) | null = null;

  override async chat(call: ChatCall): Promise<ChatResult> {
    await this.whileSpeaking?.();
    return await super.chat(call);
  }
}

async function setup() {
  const dataDir = await Deno.makeTempDir({ prefix: "persona-dialogue-state-" });
  let roster: readonly Persona[] = [];
  const llm = new HookedModel({ seed: 3, roster: () => roster });
  const services = await createServices(testConfig({ DATA_DIR: dataDir, SEED_PERSONAS: "false" }), {
    log: testLogger(),
    clock: new ManualClock(Date.UTC(2026, 0, 1)),
    llm,
  });
  const aria = await services.personas.create(PersonaCreate.parse({ name: "Aria" }));
  const kira = await services.personas.create(PersonaCreate.parse({ name: "Kira" }));
  roster = [aria, kira];
  const view = await services.dialogues.start({
    participantIds: [aria.id, kira.id],
    topic: "music",
  });
  return {
    services,
    llm,
    aria,
    id: view.conversation_id,
    async close() {
      await services.memory.close();
      await services.db.close();
      await Deno.remove(dataDir, { recursive: true });
    },
  };
}

Deno.test("a turn of an unknown conversation is NotFound, and writes nothing", async () => {
  const s = await setup();
  try {
    const writes = s.services.db.writes;
    await assert.rejects(
      s.services.dialogues.turn("no-such-conversation"),
      (error: unknown) =>
        error instanceof NotFound && /No conversation "no-such/.test(error.message),
    );
    // No write transaction (BEGIN IMMEDIATE on SQLite) that other writers would queue behind.
    assert.equal(s.services.db.writes, writes);
  } finally {
    await s.close();
  }
});

Deno.test("a conversation ended elsewhere while the model spoke gets nothing of the turn", async () => {
  const s = await setup();
  try {
    await s.services.dialogues.turn(s.id);
    const memories = await s.services.memory.count(s.aria);
    // Another node (its own repository over the same database) ends it mid-turn.
    s.llm.whileSpeaking = async () => {
      s.llm.whileSpeaking = null;
      await new DialogueRepository(s.services.db).end(s.id, { reason: "elsewhere", at: 1 });
    };
    await assert.rejects(
      s.services.dialogues.turn(s.id),
      (error: unknown) =>
        error instanceof InvalidInput && /has ended \(elsewhere\)/.test(error.message),
    );
    const transcript = await s.services.dialogues.transcript(s.id);
    assert.equal(transcript.turns.length, 1, "the second turn was not written");
    assert.equal(transcript.end_reason, "elsewhere");
    assert.equal(await s.services.memory.count(s.aria), memories, "nor remembered");
  } finally {
    await s.close();
  }
});

Deno.test("a turn's read of its conversation (findWithTurns) equals find and the turns' lines", async () => {
  const s = await setup();
  try {
    const repository = new DialogueRepository(s.services.db);
    const fresh = await repository.findWithTurns(s.id);
    assert.deepEqual(fresh, { dialogue: await repository.find(s.id), turns: [] });
    assert.equal(fresh!.dialogue.last_score, null);
    for (let i = 0; i < 3; i++) await s.services.dialogues.turn(s.id);
    const read = await repository.findWithTurns(s.id);
    const turns = await repository.turns(s.id);
    assert.equal(turns.length, 3);
    // Lines without the reasons and factors (JSON a turn never reads).
    const lines = turns.map((turn) => ({
      turn_number: turn.turn_number,
      speaker_id: turn.speaker_id,
      speaker_name: turn.speaker_name,
      content: turn.content,
      continue_score: turn.continue_score,
      tokens: turn.tokens,
    }));
    assert.deepEqual(read!.dialogue, await repository.find(s.id));
    assert.deepEqual(read!.turns.map((line) => ({ ...line })), lines);
    assert.ok(read!.dialogue.tokens_used > 0);
    assert.equal(await repository.findWithTurns("no-such-conversation"), undefined);
  } finally {
    await s.close();
  }
});

Deno.test("a committed turn's claim is given up by its commit, with no second write", async () => {
  const s = await setup();
  try {
    const releases: number[] = [];
    const run = s.services.db.run.bind(s.services.db);
    s.services.db.run = (sql, ...params) => {
      if (/SET claim_until = NULL WHERE id = \? AND turn_seq = \?/.test(sql)) {
        releases.push(params.length);
      }
      return run(sql, ...params);
    };
    await s.services.dialogues.turn(s.id);
    assert.deepEqual(releases, [], "committed: nothing to release");
    const claim = await new DialogueRepository(s.services.db).claimTurn(s.id, {
      now: Date.now(),
      until: Date.now() + 60_000,
    });
    assert.equal(claim.status, "claimed", "the claim was free after the turn");

    // A turn that commits nothing (its conversation ended while the model spoke) releases.
    await new DialogueRepository(s.services.db).releaseClaim(
      s.id,
      (claim as { token: number }).token,
    );
    releases.length = 0;
    s.llm.whileSpeaking = async () => {
      s.llm.whileSpeaking = null;
      await new DialogueRepository(s.services.db).end(s.id, { reason: "elsewhere", at: 1 });
    };
    await assert.rejects(s.services.dialogues.turn(s.id), InvalidInput);
    assert.equal(releases.length, 1, "not committed: released");
  } finally {
    await s.close();
  }
});
