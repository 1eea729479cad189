/**
 * Pins of session greetings that mutation testing (mut48) found loose under the chat tests: a
 * greeting is stored at no token or time cost, and a session's opening greeting is read only
 * from a greeting (a stored greeting without an index is `first_mes`, index 0).
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { completeTraits, type Persona, SEED_PERSONAS } from "../personas/mod.ts";
import { Session } from "../sessions/mod.ts";
import { chooseGreeting, greet, type GreetingDeps, openingGreeting } from "./greetings.ts";
import { InvalidInput } from "../errors.ts";
import type { StoredMessage } from "./history.ts";

const persona: Persona = {
  ...SEED_PERSONAS[0]!,
  id: "mut48-greeter",
  first_mes: "Hello, {{user}}!",
  personality_traits: completeTraits(SEED_PERSONAS[0]!.personality_traits),
  traits_source: "set",
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
};

function depsWith(stored: StoredMessage[]): GreetingDeps {
  const history = {
    hasSessionMessages: () => Promise.resolve(stored.length > 0),
    append: (message: StoredMessage) => {
      stored.push(message);
      return Promise.resolve();
    },
    first: () => Promise.resolve(stored[0]),
  };
  return { history, clock: new ManualClock() } as unknown as GreetingDeps;
}

Deno.test("a greeting is stored as a message that cost no tokens and no time", async () => {
  const stored: StoredMessage[] = [];
  const greeting = await greet(depsWith(stored), {
    persona,
    session: new Session("internal"),
    user: "Bo",
  });
  assert.equal(greeting?.text, "Hello, Bo!");
  assert.equal(stored.length, 1);
  const [message] = stored;
  assert.equal(message!.kind, "greeting");
  assert.deepEqual(
    [message!.prompt_tokens, message!.completion_tokens, message!.response_time_ms],
    [0, 0, 0],
  );
});

Deno.test("a session opened with a greeting reports it; one opened by the user reports none", async () => {
  const session = new Session("internal");
  const stored: StoredMessage[] = [];
  const deps = depsWith(stored);
  await greet(deps, { persona, session, user: "Bo" });
  const opening = await openingGreeting(deps, { persona, session });
  assert.deepEqual(opening, { message_id: stored[0]!.id, index: 0, text: "Hello, Bo!" });
  stored[0] = { ...stored[0]!, greeting_index: null };
  assert.equal((await openingGreeting(deps, { persona, session }))?.index, 0, "no index: 0");
  stored[0] = { ...stored[0]!, kind: "exchange", greeting_index: null };
  assert.equal(await openingGreeting(deps, { persona, session }), null);
});

Deno.test("picking a greeting the card lacks is -32602 naming the range of its greetings", async () => {
  const card = { ...persona, alternate_greetings: ["Hi again, {{user}}."] };
  const session = new Session("internal");
  const stored: StoredMessage[] = [];
  await assert.rejects(
    () => chooseGreeting(depsWith(stored), { persona: card, session, user: "Bo", index: 2 }),
    (error) => {
      assert.ok(error instanceof InvalidInput);
      assert.deepEqual(error.data, {
        fields: [{
          field: "index",
          message: `must name a greeting of ${card.name}: 0 (first_mes) to 1`,
        }],
      });
      return true;
    },
  );
  assert.equal(stored.length, 0, "nothing stored");
});
