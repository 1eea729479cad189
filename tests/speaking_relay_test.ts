/**
 * A speaker-stop message heard from another node (`core/rooms/speaking.ts`) that names no room
 * and no persona, or names them with other than strings, stops nothing and throws nothing; a
 * well-formed one still stops its turn. The relay here is an in-process fake: only the message
 * handling is under test (the PostgreSQL relay is in core/rooms/rooms_abort_speaker_test.ts).
 */
import assert from "node:assert/strict";
import { SpeakingTurns } from "../core/rooms/speaking.ts";
import type { Relay, RelayMessage } from "../core/storage/relay.ts";

/** A relay whose messages are delivered by the test (as if from another node). */
class HandRelay implements Relay {
  readonly #handlers: Array<(message: RelayMessage) => void> = [];
  send(): Promise<void> {
    return Promise.resolve();
  }
  on(handler: (message: RelayMessage) => void): void {
    this.#handlers.push(handler);
  }
  deliver(message: RelayMessage): void {
    for (const handler of this.#handlers) handler(message);
  }
}

Deno.test("a malformed relayed speaker stop stops nothing; a well-formed one stops its turn", () => {
  const relay = new HandRelay();
  const turns = new SpeakingTurns({ relay });
  const signal = new AbortController().signal;
  const ada = turns.begin("room-1", "ada", signal);
  const bo = turns.begin("room-2", "bo", signal);
  const malformed: RelayMessage[] = [
    { kind: "room.turns.stop" },
    { kind: "room.turns.stop", room_id: null, persona_id: null },
    { kind: "room.turns.stop", room_id: 1 },
    { kind: "room.turns.stop", persona_id: ["ada"] },
    { kind: "room.turns.stop", room_id: "room-1", persona_id: { id: "ada" } },
  ];
  for (const message of malformed) {
    relay.deliver(message);
    assert.equal(ada.stopped || bo.stopped, false, `stopped by ${JSON.stringify(message)}`);
  }
  relay.deliver({ kind: "room.turns.stop", persona_id: "ada" });
  assert.equal(ada.stopped, true);
  assert.equal(ada.signal.aborted, true);
  assert.equal(bo.stopped, false);
  ada.end();
  bo.end();
});
