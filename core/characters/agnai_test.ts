/**
 * Agnai's native character download ("Agnaistic" JSON) imports as the V2 card Agnai itself
 * exports for it: persona written out in its format, greeting, scenario, example chat, memory
 * book, depth prompt and Agnai's own fields all kept.
 */
import assert from "node:assert/strict";
import { InvalidInput } from "../errors.ts";
import { decodeCardFile, encodeCard } from "./codec.ts";
import { placeholderAvatar } from "./placeholder.ts";
import { jsonFile } from "../../tests/_real_cards.ts";

const LIMIT = { maxBytes: 16 * 1024 * 1024 };

/** An Agnai character as its JSON download writes it (the database record without `_id`). */
function agnaiCharacter(persona: Record<string, unknown>): Record<string, unknown> {
  return {
    kind: "character",
    userId: "anon",
    name: "Captain Ilsa Varro",
    description: "A smuggler captain. Made in Agnai.",
    appearance: "weathered coat, brass spyglass",
    culture: "en-us",
    tags: ["pirate", "sci-fi"],
    persona,
    greeting: "*{{char}} kicks the hatch open.* You're late, {{user}}.",
    scenario: "The Gull is docked at Station Nine with customs circling.",
    sampleChat: "{{user}}: Where are we going?\n{{char}}: Somewhere without customs.",
    avatar: "/assets/6c1f0a8e.png",
    alternateGreetings: ["*The engines cough.* Hold on to something, {{user}}."],
    characterBook: {
      kind: "memory",
      name: "The Gull",
      description: "",
      userId: "anon",
      entries: [
        {
          name: "Ship",
          entry: "The Gull is a patched freighter.",
          keywords: ["Gull", "ship"],
          priority: 5,
          weight: 3,
          enabled: true,
        },
      ],
    },
    extensions: { "some-app": { rating: 4 } },
    systemPrompt: "Stay in character as {{char}}.",
    postHistoryInstructions: "Keep replies short.",
    insert: { prompt: "{{char}} distrusts the customs officers.", depth: 3 },
    creator: "ilsa-fan",
    characterVersion: "2",
    voice: { service: "webspeechsynthesis", voiceId: "en-GB" },
    sprite: null,
    favorite: false,
    createdAt: "2024-03-01T10:00:00.000Z",
    updatedAt: "2024-03-02T10:00:00.000Z",
  };
}

Deno.test("an Agnai native character imports with its greeting, scenario, examples, book and prompts", () => {
  const persona = { kind: "wpp", attributes: { mind: ["cunning", "loyal"], body: ["scarred"] } };
  const card = decodeCardFile(jsonFile(agnaiCharacter(persona)), LIMIT);
  const data = card.data;
  assert.equal(card.spec, "v2");
  assert.equal(data.name, "Captain Ilsa Varro");
  assert.equal(
    data.description,
    '[character("Captain Ilsa Varro") {\nmind("cunning" + "loyal")\nbody("scarred")\n}]',
  );
  assert.equal(data.first_mes, "*{{char}} kicks the hatch open.* You're late, {{user}}.");
  assert.equal(data.scenario, "The Gull is docked at Station Nine with customs circling.");
  assert.match(data.mes_example, /Somewhere without customs/);
  assert.deepEqual(data.alternate_greetings, [
    "*The engines cough.* Hold on to something, {{user}}.",
  ]);
  assert.equal(data.creator_notes, "A smuggler captain. Made in Agnai.");
  assert.equal(data.system_prompt, "Stay in character as {{char}}.");
  assert.equal(data.post_history_instructions, "Keep replies short.");
  assert.deepEqual(data.tags, ["pirate", "sci-fi"]);
  assert.equal(data.creator, "ilsa-fan");
  assert.equal(data.character_version, "2");
  assert.deepEqual(data.extensions.depth_prompt, {
    prompt: "{{char}} distrusts the customs officers.",
    depth: 3,
  });
  assert.deepEqual(data.extensions["some-app"], { rating: 4 }, "its extensions kept");
  assert.deepEqual((data.extensions.agnai as { persona: unknown }).persona, persona);
  const [entry] = data.character_book?.entries ?? [];
  assert.deepEqual([entry?.keys, entry?.content, entry?.insertion_order, entry?.priority], [
    ["Gull", "ship"],
    "The Gull is a patched freighter.",
    3,
    5,
  ]);
  assert.equal(data.character_book?.name, "The Gull");
  for (const format of ["json", "png", "charx"] as const) {
    for (const spec of ["v2", "v3"] as const) {
      const placeholder = () => placeholderAvatar(data.name);
      const exported = encodeCard({ data, assets: card.assets, spec, format, placeholder });
      assert.deepEqual(decodeCardFile(exported.bytes, LIMIT).data, data, `${format} ${spec}`);
    }
  }
});

Deno.test("each Agnai persona format is written out as Agnai writes it", () => {
  const attributes = { mind: ["cunning", "loyal"], body: ["scarred"] };
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ kind: "text", attributes: { text: ["Ilsa is a smuggler."] } }, "Ilsa is a smuggler."],
    [
      { kind: "sbf", attributes },
      '[ character: "Captain Ilsa Varro"; mind: "cunning", "loyal"; body: "scarred" ]',
    ],
    [{ kind: "boostyle", attributes }, "Captain Ilsa Varro + cunning + loyal + scarred"],
  ];
  for (const [persona, description] of cases) {
    const card = decodeCardFile(jsonFile(agnaiCharacter(persona)), LIMIT);
    assert.equal(card.data.description, description, String(persona.kind));
  }
  const json = decodeCardFile(
    jsonFile(agnaiCharacter({ kind: "json", attributes })),
    LIMIT,
  ).data.description;
  assert.deepEqual(JSON.parse(json), {
    type: "character",
    name: "Captain Ilsa Varro",
    properties: attributes,
  });
});

Deno.test("Agnai's default persona kind, attributes, is written as Agnai's formatCharacter writes it", () => {
  const persona = {
    kind: "attributes",
    attributes: { species: ["human"], personality: ["cunning, loyal", "scarred"] },
  };
  const card = decodeCardFile(jsonFile(agnaiCharacter(persona)), LIMIT);
  assert.equal(
    card.data.description,
    "Name: Captain Ilsa Varro\nspecies: human\npersonality: cunning, loyal, scarred",
  );
});

/** The -32602 fields `decodeCardFile` refuses `persona` with. */
function refusedFields(persona: Record<string, unknown>): string[] {
  try {
    decodeCardFile(jsonFile(agnaiCharacter(persona)), LIMIT);
  } catch (error) {
    assert.ok(error instanceof InvalidInput, String(error));
    return (error.data as { fields: Array<{ field: string }> }).fields.map((issue) => issue.field);
  }
  throw new Error("not refused");
}

Deno.test("an attribute key with a NUL is refused by field; a lone surrogate becomes U+FFFD", () => {
  for (const kind of ["wpp", "sbf", "attributes", "boostyle"]) {
    const persona = { kind, attributes: { "mind\u0000hidden": ["kind"] } };
    assert.deepEqual(refusedFields(persona), ["card.persona.attributes"], kind);
  }
  const persona = { kind: "sbf", attributes: { "mi\ud800nd": ["kind"] } };
  const description = decodeCardFile(jsonFile(agnaiCharacter(persona)), LIMIT).data.description;
  assert.equal(description, '[ character: "Captain Ilsa Varro"; mi\ufffdnd: "kind" ]');
});

Deno.test("attribute values other than strings and numbers are -32602 by field, not a TypeError", () => {
  const persona = { kind: "wpp", attributes: { mind: ["sly", { toString: 1 }] } };
  assert.deepEqual(refusedFields(persona), ["card.persona.attributes.mind.1"]);
  const numbers = { kind: "sbf", attributes: { age: [41] } };
  const description = decodeCardFile(jsonFile(agnaiCharacter(numbers)), LIMIT).data.description;
  assert.equal(description, '[ character: "Captain Ilsa Varro"; age: "41" ]');
});

Deno.test("a broken Agnai memory book is refused under the card's field, not lorebook's", () => {
  const character = { ...agnaiCharacter({ kind: "text", attributes: { text: ["t"] } }) };
  character.characterBook = { kind: "memory", name: "b", entries: 5 };
  assert.throws(() => decodeCardFile(jsonFile(character), LIMIT), (error: unknown) => {
    assert.ok(error instanceof InvalidInput);
    const fields = (error.data as { fields: Array<{ field: string }> }).fields;
    assert.deepEqual(fields.map((issue) => issue.field), ["card.characterBook.entries"]);
    return true;
  });
});
