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
import { buildChatMessages, characterTexts } from "./prompt.ts";
import { TEXT_CACHE_BUDGET_BYTES, TEXT_CACHE_LIMITS } from "./text_cache.ts";

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
    assert.equal(characterTexts.has(mira, "Ada"), false);
    const first = prompt(mira, "Ada");
    const kept = characterTexts.size;
    assert.equal(prompt(mira, "Ada"), first);
    assert.equal(characterTexts.has(mira, "Ada"), true);
    assert.equal(characterTexts.size, kept, "the second chat reuses the first's text");
    // Each sender has its own {{user}}.
    const other = prompt(mira, "Bo");
    assert.equal(characterTexts.has(mira, "Bo"), true);
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
    const reread = await personas.get(mira.id);
    assert.equal(characterTexts.has(reread, "Ada"), false, "the new object finds no old text");
    const after = prompt(reread, "Ada");
    assert.match(after, /Scenario: A calm night\./);
    assert.doesNotMatch(after, /storm/);
    assert.match(after, /Keep the light burning/);
    assert.equal(after, prompt(calmer, "Ada"));
    assert.match(prompt(mira, "Ada"), /storm/, "the old object keeps its own text");
  });
});

Deno.test("many personas, senders and large cards stay within the byte budget", async () => {
  await withPersonas(async (personas) => {
    // ~40 KB a text; 40 personas × 16 senders would hold ~26 MB without the budget.
    const large = PersonaCreate.parse({
      ...card,
      description: `${"The lamp room hums. ".repeat(1000)} {{user}} waits.`,
    });
    let built = 0;
    for (let p = 0; p < 40; p++) {
      const persona = await personas.create({ ...large, name: `Keeper ${p}` });
      for (let s = 0; s < 16; s++) {
        assert.match(prompt(persona, `sender ${s}`), new RegExp(`sender ${s} waits\\.`));
        built++;
        assert.ok(characterTexts.bytes <= TEXT_CACHE_BUDGET_BYTES, `${characterTexts.bytes} B`);
      }
    }
    assert.ok(characterTexts.size < built, "the oldest texts went");
    assert.ok(characterTexts.bytes > TEXT_CACHE_BUDGET_BYTES / 2, "the budget is used");
  });
});

Deno.test("a text larger than an entry may be is not kept, and still right", async () => {
  await withPersonas(async (personas) => {
    // Five 99k-character fields full of {{user}}, within the persona's size limit: a 128-character
    // sender makes each 16 times larger (127 MB kept before the budget).
    const field = "{{user}} ".repeat(11_000);
    const huge = await personas.create(PersonaCreate.parse({
      ...card,
      description: field,
      personality: field,
      scenario: field,
      mes_example: field,
      system_prompt: field,
    }));
    const sender = "S".repeat(127) + "!";
    const before = characterTexts.bytes;
    const text = prompt(huge, sender);
    assert.ok(text.length > 5 * 11_000 * 128, "every {{user}} replaced");
    assert.ok(text.includes(`${sender} ${sender}`));
    assert.equal(characterTexts.has(huge, sender), false);
    assert.ok(characterTexts.bytes <= before, "nothing of it is kept");
    assert.ok(TEXT_CACHE_LIMITS.entryMaxBytes < text.length * 2);
  });
});
