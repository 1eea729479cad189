/**
 * Refusals SillyTavern does not make (attack14 F6): an ISO creation date, a null note in
 * `creator_notes_multilingual`, an asset with a null uri, a name of 64 characters counted as
 * characters (not UTF-16 units). And the Big Five rating's bound (F10).
 */
import assert from "node:assert/strict";
import { testConfig } from "../../tests/_helpers.ts";
import { decodeCardJson } from "./codec.ts";
import { characterSettings } from "./mod.ts";

const v3 = (data: Record<string, unknown>) => ({
  spec: "chara_card_v3",
  spec_version: "3.0",
  data: { name: "N", ...data },
});

Deno.test("ISO dates are read as seconds, other date text is left out, numbers stay", () => {
  const iso = decodeCardJson(v3({ creation_date: "2024-05-01T10:00:00Z" })).data;
  assert.equal(iso.creation_date, Date.UTC(2024, 4, 1, 10) / 1000);
  const junk = decodeCardJson(v3({ modification_date: "last spring" })).data;
  assert.equal(junk.modification_date, undefined);
  assert.equal(decodeCardJson(v3({ creation_date: "1714557600" })).data.creation_date, 1714557600);
  assert.equal(decodeCardJson(v3({ creation_date: 1714557600 })).data.creation_date, 1714557600);
});

Deno.test("a null note in creator_notes_multilingual and an asset with a null uri are left out", () => {
  const data = decodeCardJson(v3({
    creator_notes_multilingual: { en: "x", fr: null },
    assets: [
      { type: "icon", uri: null, name: "main", ext: "png" },
      { type: "other", uri: "https://example.com/a.mp3", name: "a", ext: "mp3" },
    ],
  }));
  assert.deepEqual(data.data.creator_notes_multilingual, { en: "x" });
  assert.deepEqual(data.assets.map((asset) => asset.uri), ["https://example.com/a.mp3"]);
  // Not a string is still refused by name.
  assert.throws(() => decodeCardJson(v3({ creator_notes_multilingual: { en: 5 } })), /en/);
});

Deno.test("a card's name limit counts characters: 64 emoji pass the card, 65 do not", () => {
  const emoji = "🐉".repeat(64);
  assert.equal(decodeCardJson(v3({ name: emoji })).data.name, emoji);
  assert.throws(() => decodeCardJson(v3({ name: `${emoji}🐉` })), /at most 64 characters/);
});

Deno.test("the model rates an imported character for at most 10 s, whatever OLLAMA_TIMEOUT_MS", () => {
  const settings = characterSettings(testConfig({ OLLAMA_TIMEOUT_MS: "120000" }));
  assert.ok(settings.inferTimeoutMs <= 10_000, `${settings.inferTimeoutMs}`);
});

Deno.test("a card with its fields at the root and an empty data keeps the root's tags and notes", () => {
  // attack22 F8: a V3 card with `data: {}` and every field at the root (as SillyTavern reads it).
  const card = decodeCardJson({
    name: "Guide-chan",
    description: "Friendly park guide.",
    first_mes: "Welcome!",
    tags: ["guide", "friendly", "jp"],
    creatorcomment: "Made for the park.",
    creator: "someone",
    system_prompt: "Be kind.",
    alternate_greetings: ["Hi again."],
    talkativeness: "0.6",
    spec: "chara_card_v3",
    data: {},
  }).data;
  assert.deepEqual(card.tags, ["guide", "friendly", "jp"]);
  assert.equal(card.creator_notes, "Made for the park.");
  assert.equal(card.creator, "someone");
  assert.equal(card.system_prompt, "Be kind.");
  assert.deepEqual(card.alternate_greetings, ["Hi again."]);
  // `data` wins where it has the field, even an empty list; a V1 card keeps its root tags too.
  const both = decodeCardJson({
    name: "A",
    tags: ["root"],
    spec: "chara_card_v2",
    data: { name: "A", tags: [] },
  });
  assert.deepEqual(both.data.tags, []);
  assert.deepEqual(decodeCardJson({ name: "B", tags: "x, y" }).data.tags, ["x", "y"]);
  // A root value of the wrong type is left out, not refused.
  assert.deepEqual(
    decodeCardJson({ name: "C", tags: { a: 1 }, spec: "chara_card_v3", data: {} }).data.tags,
    [],
  );
});
