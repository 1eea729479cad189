import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import {
  type Persona,
  PersonaCreate,
  personaMigrations,
  PersonaRepository,
  PersonaService,
} from "../personas/mod.ts";
import { SqliteDatabase, storageMigrations } from "../storage/mod.ts";
import { buildChatMessages, CHARACTER_TEXT_SENDERS, keptCharacterTexts } from "./prompt.ts";

async function withPersonas(test: (personas: PersonaService) => Promise<void>) {
  const db = new SqliteDatabase(":memory:");
  try {
    await db.migrate([...storageMigrations, ...personaMigrations]);
    await test(new PersonaService(new PersonaRepository(db), new ManualClock()));
  } finally {
    await db.close();
  }
}

const card = PersonaCreate.parse({
  name: "Mira",
  description: "{{char}} keeps the lighthouse and greets {{user}} by name.",
  personality: "dry, kind",
  scenario: "A storm over the bay.",
  mes_example: "<START>\n{{user}}: Hello\n{{char}}: Mind the stairs, {{user}}.",
});

function prompt(persona: Persona, sender: string): string {
  return buildChatMessages({
    persona,
    sender,
    message: "Hi",
    history: [],
    window: { turns: 8, chars: 6000 },
  })[0]!.content;
}

Deno.test("the character text is built once per persona object and sender", async () => {
  await withPersonas(async (personas) => {
    const mira = await personas.create(card);
    assert.equal(keptCharacterTexts(mira), 0);
    const first = prompt(mira, "Ada");
    assert.equal(prompt(mira, "Ada"), first);
    assert.equal(keptCharacterTexts(mira), 1, "the second chat reuses the first's text");
    // Each sender has its own {{user}}.
    const other = prompt(mira, "Bo");
    assert.equal(keptCharacterTexts(mira), 2);
    assert.match(first, /greets Ada by name/);
    assert.match(first, /Mind the stairs, Ada\./);
    assert.match(other, /greets Bo by name/);
    assert.doesNotMatch(other, /Ada/);
  });
});

Deno.test("an updated persona's prompt has the update (a new object, a new text)", async () => {
  await withPersonas(async (personas) => {
    const mira = await personas.create(card);
    assert.match(prompt(mira, "Ada"), /A storm over the bay\./);
    const calmer = await personas.update(mira.id, {
      scenario: "A calm night.",
      personality_traits: { openness: 0.05 },
      goals: ["Keep the light burning"],
    });
    const after = prompt(await personas.get(mira.id), "Ada");
    assert.match(after, /Scenario: A calm night\./);
    assert.doesNotMatch(after, /storm/);
    assert.match(after, /Keep the light burning/);
    assert.equal(after, prompt(calmer, "Ada"));
    assert.match(prompt(mira, "Ada"), /storm/, "the old object keeps its own text");
  });
});

Deno.test(`at most ${CHARACTER_TEXT_SENDERS} senders' texts are kept per persona`, async () => {
  await withPersonas(async (personas) => {
    const mira = await personas.create(card);
    for (let i = 0; i < CHARACTER_TEXT_SENDERS; i++) prompt(mira, `sender ${i}`);
    assert.equal(keptCharacterTexts(mira), CHARACTER_TEXT_SENDERS);
    // One more starts over, so many senders (a client may name any) never grow it unbounded.
    const text = prompt(mira, "one too many");
    assert.equal(keptCharacterTexts(mira), 1);
    assert.match(text, /greets one too many by name/);
    assert.equal(CHARACTER_TEXT_SENDERS, 16);
  });
});
