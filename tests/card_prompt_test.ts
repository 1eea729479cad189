/**
 * What the model sees for an imported card: SillyTavern's default context order, macros
 * replaced, lore placed, the greeting opening the session, post-history instructions last.
 */
import assert from "node:assert/strict";
import { v2Card } from "./_cards.ts";
import { type RpcCallError, RpcClient, type TestHarness, withTestServer } from "./_helpers.ts";

function withCard(test: (harness: TestHarness) => Promise<void>): Promise<void> {
  return withTestServer(async (harness) => {
    await harness.client.call("persona.import_card", { card: v2Card() });
    await test(harness);
  });
}

/** Asserts that `parts` occur in `text` in this order. */
function assertOrder(text: string, parts: string[]): void {
  let at = -1;
  for (const part of parts) {
    const next = text.indexOf(part, at + 1);
    assert.ok(next > at, `"${part}" should come after the part before it:\n${text}`);
    at = next;
  }
}

Deno.test("the prompt follows SillyTavern's default order with macros replaced and the greeting first", async () => {
  await withCard(async ({ fake, client }) => {
    const switched = await client.call<{ greeting: string; greeting_index: number }>(
      "persona.switch",
      { persona_id: "captain vale", user: "Robin" },
    );
    assert.deepEqual([switched.greeting, switched.greeting_index], [
      "Welcome aboard the Kestrel, Robin.",
      0,
    ]);
    const result = await client.call<{ lore_used: Array<Record<string, unknown>> }>(
      "conversation.send_message",
      { content: "Is the engine broken again on the Kestrel at Port Amber?", sender: "Robin" },
    );
    const request = fake.chatRequests().at(-1);
    assert.ok(request);
    const [system, greeting, message, after, ...rest] = request.messages;
    assert.equal(rest.length, 0);
    assert.equal(system?.role, "system");
    assertOrder(system?.content ?? "", [
      "You are Captain Vale. Stay in character as Captain Vale", // {{original}}
      "You write Captain Vale's replies as a pulp adventure narrator.", // the card's system prompt
      "Sky pirates prowl the trade lanes.", // lore before, insertion order 5
      "The Kestrel is a brass-hulled airship", // 10
      "Port Amber floats above the Saffron Sea.", // 30
      "Captain Vale commands the airship Kestrel and owes Robin a favour.", // description
      "Captain Vale's personality: bold, sardonic", // personality
      "Your personality:", // the Big Five in words
      "Scenario: The Kestrel is docked at Port Amber; Robin comes aboard.", // scenario
      "The engine was built by gnomes", // lore after
      "You are talking with Robin.",
      "Example dialogue",
      "Robin: Where to?",
      "Captain Vale: Wherever the wind pays best.",
    ]);
    assert.deepEqual(greeting, {
      role: "assistant",
      content: "Welcome aboard the Kestrel, Robin.",
    });
    assert.deepEqual(message, {
      role: "user",
      content: "Robin: Is the engine broken again on the Kestrel at Port Amber?",
    });
    assert.deepEqual(after, {
      role: "system",
      content: "Keep Captain Vale in character; end on a hook for Robin.",
    });
    for (const m of request.messages) {
      assert.doesNotMatch(m.content, /\{\{|<START>|<BOT>/i, "every macro is replaced");
      assert.doesNotMatch(m.content, /Never shown to the model/, "creator notes stay out");
    }
    assert.deepEqual(
      result.lore_used.map((used) => [used.label, used.via, used.position]),
      [
        ["world", "constant", "before_char"],
        ["ship", "key", "before_char"],
        ["engine", "key", "after_char"],
        ["port", "key", "before_char"],
      ],
    );
  });
});

Deno.test("a new session opens with the greeting; conversation.greeting picks an alternate before the chat begins", async () => {
  await withCard(async ({ server, client }) => {
    const picked = await client.call<{ greeting: string; greeting_index: number }>(
      "conversation.greeting",
      { persona_id: "Captain Vale", index: 2, user: "Robin" },
    );
    assert.deepEqual([picked.greeting, picked.greeting_index], [
      "Captain Vale tosses Robin a flight jacket.",
      2,
    ]);
    const swapped = await client.call<{ greeting: string }>("conversation.greeting", {
      persona_id: "Captain Vale",
      index: 1,
      user: "Robin",
    });
    assert.equal(swapped.greeting, "The Kestrel shudders as Robin climbs the gangway.");
    await client.call("conversation.send_message", {
      persona_id: "Captain Vale",
      content: "Hello",
      sender: "Robin",
    });
    const history = await client.call<{ messages: Array<Record<string, unknown>> }>(
      "conversation.get_history",
      { persona_id: "Captain Vale" },
    );
    assert.deepEqual(history.messages.map((m) => [m.kind, m.persona_response === "" ? "" : "x"]), [
      ["exchange", "x"],
      ["greeting", "x"],
    ]);
    assert.equal(history.messages[1]?.persona_response, swapped.greeting);
    await assert.rejects(
      client.call("conversation.greeting", { persona_id: "Captain Vale", index: 0 }),
      (error: RpcCallError) => error.code === -32602 && /has begun/.test(error.message),
    );
    await assert.rejects(
      client.call("conversation.greeting", { persona_id: "Aria", index: 0 }),
      (error: RpcCallError) => error.code === -32602,
      "a persona without greetings",
    );
    // Another connection is another session: it opens with the greeting again.
    const other = await RpcClient.connect(server.wsUrl);
    try {
      const first = await other.call<{ greeting?: { text: string } }>("conversation.send_message", {
        persona_id: "Captain Vale",
        content: "Hi",
      });
      assert.equal(first.greeting?.text, "Welcome aboard the Kestrel, user.");
    } finally {
      await other.close();
    }
  });
});
