/**
 * `prompts/list` and `resources/list` show a persona's description as an excerpt (at most 200
 * UTF-16 units, cut between characters, "…" after it when cut: `markedExcerpt`). A card's
 * description may be 100,000 characters, and MCP clients cannot ask for fewer than 100 items a
 * page: before, a page of 100 such personas was 10 MB, past the default MAX_REPLY_BYTES (1 MiB),
 * and the client got -32005 for every page. `prompts/get` and the card resource have it whole.
 */
import assert from "node:assert/strict";
import { CARD_TEXT_MAX, PersonaCreate } from "../../personas/mod.ts";
import { Session } from "../../sessions/mod.ts";
import { LONGEST_TEXTS } from "../../storage/testing/excerpts.ts";
import { LISTED_TEXT_MAX } from "../../storage/text_head.ts";
import { cutText } from "../../text_cut.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";
import { buildServer } from "../server.ts";

Deno.test("a page of 100 prompts or resources of personas with the longest descriptions fits a reply", async () => {
  const app = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  const session = new Session("internal");
  try {
    // 1, 3 and 4 bytes a character (control characters, 6 bytes as JSON, pass a persona's size).
    const kinds = LONGEST_TEXTS.slice(0, 3).map((text) => text.repeat(CARD_TEXT_MAX / text.length));
    const full = new Map<string, string>();
    for (let i = 0; i < 100; i++) {
      const description = i === 0 ? "Short and whole" : kinds[i % kinds.length]!;
      const name = `Long ${String(i).padStart(3, "0")}`;
      const persona = await app.services.personas.create(
        PersonaCreate.parse({ name, description }),
      );
      full.set(persona.id, description);
    }
    const call = async (method: string, params: Record<string, unknown> = {}) => {
      const result = await app.dispatcher.call(method, params, { session });
      return { result, bytes: new TextEncoder().encode(JSON.stringify(result)).length };
    };
    const prompts = await call("prompts/list");
    assert.ok(prompts.bytes < 150_000, `prompts/list: ${prompts.bytes} bytes`);
    const resources = await call("resources/list");
    assert.ok(resources.bytes < 150_000, `resources/list: ${resources.bytes} bytes`);
    const shown = (prompts.result as { prompts: Array<{ name: string; description: string }> })
      .prompts;
    const byName = new Map(shown.map((prompt) => [prompt.name, prompt.description]));
    assert.equal(byName.get("long_000"), "Speak as Long 000: Short and whole");
    const cut = byName.get("long_002")!;
    const description = kinds[2]!;
    assert.equal(cut, `Speak as Long 002: ${cutText(description, LISTED_TEXT_MAX)}…`);
    const listed = (resources.result as { resources: Array<{ uri: string; description: string }> })
      .resources.filter((resource) => full.has(resource.uri.slice("persona://".length)));
    assert.ok(listed.length > 10, `${listed.length} persona cards of ours listed`);
    for (const resource of listed) {
      const text = full.get(resource.uri.slice("persona://".length))!;
      const whole = text.length <= LISTED_TEXT_MAX;
      assert.equal(resource.description, whole ? text : `${cutText(text, LISTED_TEXT_MAX)}…`);
    }
    // Whole where one item is asked for.
    const got = await app.dispatcher.call("prompts/get", { name: "long_002" }, { session }) as {
      description: string;
    };
    assert.equal(got.description, `Speak as Long 002: ${description}`);
  } finally {
    await app.services.db.close();
  }
});
