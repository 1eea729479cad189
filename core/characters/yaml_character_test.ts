import assert from "node:assert/strict";
import { InvalidInput, PayloadTooLarge } from "../errors.ts";
import { decodeCardFile } from "./codec.ts";
import {
  TGWUI_EXTENSION,
  YAML_MAX_BYTES,
  YAML_MAX_NODES,
  YAML_MAX_TOKENS,
} from "./yaml_character.ts";

const LIMIT = { maxBytes: 16 * 1024 * 1024 };
const yaml = (text: string) => decodeCardFile(new TextEncoder().encode(text), LIMIT);

/** A character as text-generation-webui ships them (its `characters/Example.yaml` shape). */
const TGWUI = `# A character for text-generation-webui
name: Chiharu Yamada
greeting: |-
  *Chiharu strides into the room with a smile.* Hey! I'm so excited to finally meet you.
context: |-
  Chiharu Yamada is a young, computer engineer-nerd with a knack for problem solving.

  {{user}}: So how did you get into computer engineering?
  {{char}}: I've always loved tinkering with technology.
example_dialogue: |-
  {{user}}: Hi
  {{char}}: Hello!
your_name: You
turn_template: "<|user|><|user-message|>\\n"
`;

function refusedWith(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof InvalidInput, String(error));
    assert.match(error.message, pattern);
    const fields = (error.data as { fields: Array<{ field: string }> }).fields;
    assert.equal(fields[0]?.field, "file");
    return true;
  };
}

Deno.test("a text-generation-webui YAML character imports with its fields mapped as SillyTavern maps them", () => {
  const card = yaml(TGWUI);
  assert.equal(card.format, "yaml");
  assert.equal(card.spec, "v1");
  assert.equal(card.data.name, "Chiharu Yamada");
  assert.match(card.data.description, /^Chiharu Yamada is a young/);
  assert.match(card.data.description, /\{\{char\}\}: I've always loved/);
  assert.match(card.data.first_mes, /^\*Chiharu strides/);
  assert.equal(card.data.mes_example, "{{user}}: Hi\n{{char}}: Hello!");
  // text-generation-webui's own settings are kept, namespaced, not lost.
  assert.deepEqual(card.data.extensions[TGWUI_EXTENSION], {
    your_name: "You",
    turn_template: "<|user|><|user-message|>\n",
  });
  // An `extensions` mapping of the file is kept beside them.
  assert.deepEqual(yaml("name: X\nextensions: {fav: true}\nuser: Y\n").data.extensions, {
    fav: true,
    [TGWUI_EXTENSION]: { user: "Y" },
  });
  // `bot` is text-generation-webui's other spelling of the name; a BOM and `---` are fine.
  assert.equal(yaml("\uFEFF---\nbot: Aqua\ncontext: A goddess\n").data.name, "Aqua");
});

Deno.test("a Pygmalion-style YAML character and a V2 card written as YAML import", () => {
  const pyg = yaml(
    "char_name: Old\nchar_persona: An old card\nworld_scenario: Somewhere\n" +
      "char_greeting: Hi\nexample_dialogue: <START>\n",
  );
  assert.deepEqual(
    [pyg.data.name, pyg.data.description, pyg.data.scenario, pyg.data.first_mes],
    ["Old", "An old card", "Somewhere", "Hi"],
  );
  assert.equal(pyg.data.mes_example, "<START>");
  const v2 = yaml(
    "spec: chara_card_v2\nspec_version: '2.0'\ndata:\n  name: Vale\n  first_mes: Ahoy\n" +
      "  tags: [pirate, captain]\n  extensions: {talkativeness: 0.7}\n",
  );
  assert.equal(v2.spec, "v2");
  assert.deepEqual([v2.data.name, v2.data.first_mes, v2.data.tags], ["Vale", "Ahoy", [
    "pirate",
    "captain",
  ]]);
  assert.equal(v2.data.extensions.talkativeness, 0.7);
});

Deno.test("a billion laughs YAML is refused as aliases that expand too far", () => {
  const rows = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (const [name, previous] of [["b", "a"], ["c", "b"], ["d", "c"], ["e", "d"], ["f", "e"]]) {
    rows.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
  }
  assert.throws(() => yaml(`name: Laughs\n${rows.join("\n")}\n`), refusedWith(/aliases/));
  // Few aliases of a large anchor pass the parser's count but not the expanded budget.
  const big = `[${Array.from({ length: 3000 }, (_, i) => i).join(", ")}]`;
  const repeated = Array.from({ length: 8 }, (_, i) => `r${i}: *big`).join("\n");
  assert.throws(
    () => yaml(`name: Many\nbig: &big ${big}\n${repeated}\n`),
    refusedWith(/expands to more than|more than \d+ YAML nodes/),
  );
});

Deno.test("hostile YAML is refused before or while it is parsed: values, depth, size, syntax", () => {
  const keys = Array.from({ length: YAML_MAX_NODES }, (_, i) => `k${i}: v`).join("\n");
  assert.throws(() => yaml(`name: Wide\n${keys}\n`), refusedWith(/more than 2000 YAML nodes/));
  assert.throws(
    () => yaml(`name: Notes\n${"#\n".repeat(YAML_MAX_TOKENS)}`),
    refusedWith(/more than 10000 YAML tokens/),
  );
  // Refused by the count before parsing (the parser would take half a second to reach 2,400).
  assert.throws(
    () => yaml(`name: Deep\nx: ${"[".repeat(2400)}${"]".repeat(2400)}\n`),
    refusedWith(/nests its flow collections \(\[ \], \{ \}\) deeper than 64 levels/),
  );
  const block = Array.from({ length: 80 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n");
  assert.throws(() => yaml(`name: Deep\n${block} end\n`), refusedWith(/nested deeper than 64/));
  assert.throws(
    () => yaml(`name: Big\ncontext: ${"x".repeat(YAML_MAX_BYTES)}\n`),
    (error) => error instanceof PayloadTooLarge && /YAML character/.test(error.message),
  );
  // The first error, where it is (its line not copied per error: that was quadratic).
  assert.throws(
    () => yaml("name: Bad\ncontext: [unclosed\n"),
    refusedWith(/not valid YAML: .* at line 3, column 1$/),
  );
  assert.throws(
    () => yaml("name: x\nd: [a,,b]\n"),
    refusedWith(
      /^The YAML character file is not valid YAML: Unexpected , in flow sequence at line 2, column 7$/,
    ),
  );
  assert.throws(() => yaml("name: A\nname: B\n"), refusedWith(/not valid YAML/));
  // Not a YAML mapping at all: neither format.
  assert.throws(() => yaml("just some text\n"), refusedWith(/Unknown card file/));
  assert.throws(() => yaml("- a\n- b\n"), refusedWith(/Unknown card file/));
});

Deno.test("a YAML character's __proto__ keys stay own keys, written back as JSON", () => {
  const card = yaml("name: Proto\n__proto__: {polluted: 1}\nextra:\n  __proto__: {x: 1}\n");
  const kept = card.data.extensions[TGWUI_EXTENSION] as Record<string, unknown>;
  assert.deepEqual(Object.keys(kept), ["__proto__", "extra"]);
  assert.equal(
    JSON.stringify(card.data.extensions),
    `{"${TGWUI_EXTENSION}":{"__proto__":{"polluted":1},"extra":{"__proto__":{"x":1}}}}`,
  );
});

Deno.test("YAML is read with the core schema, %YAML 1.1 too: no merge keys, dates, sets, bytes", () => {
  for (const directive of ["", "%YAML 1.1\n---\n", "%YAML 1.2\n---\n"]) {
    const card = yaml(
      `${directive}name: yes\ncontext: 1:20\nbase: &b {creator: d}\n<<: *b\nborn: 2001-12-14\n` +
        "set: !!set {a, b}\nomap: !!omap [a: 1]\nbytes: !!binary aGVsbG8=\nwhen: !!timestamp 2001-12-14\n" +
        "n: [.inf, -.inf, .nan, 0x1F, 1e3]\n",
    );
    assert.equal(card.data.name, "yes", directive);
    assert.equal(card.data.description, "1:20", directive);
    const rest = card.data.extensions[TGWUI_EXTENSION] as Record<string, unknown>;
    // `<<` is a key like any other: nothing merged into the card.
    assert.deepEqual(rest["<<"], { creator: "d" }, directive);
    assert.equal(card.data.creator, "", directive);
    assert.equal(rest.born, "2001-12-14", directive);
    assert.deepEqual(rest.set, { a: null, b: null }, directive);
    assert.deepEqual(rest.omap, [{ a: 1 }], directive);
    assert.equal(rest.bytes, "aGVsbG8=", directive);
    assert.equal(rest.when, "2001-12-14", directive);
    assert.deepEqual(rest.n, [null, null, null, 31, 1000], directive);
  }
});

Deno.test("bot is the name only when there is no name, and kept nowhere else; a data-only card is a card", () => {
  const both = yaml("name: Real\nbot: Other\ncontext: c\n");
  assert.equal(both.data.name, "Real");
  assert.equal(both.data.extensions[TGWUI_EXTENSION], undefined);
  const bot = yaml("bot: Aqua\nyour_name: You\n");
  assert.equal(bot.data.name, "Aqua");
  assert.deepEqual(bot.data.extensions[TGWUI_EXTENSION], { your_name: "You" });
  // A card object without `spec` (its fields under `data`) is read as that card.
  const data = yaml("data:\n  name: Inner\n  first_mes: Hi\n  description: d\n");
  assert.deepEqual([data.data.name, data.data.first_mes], ["Inner", "Hi"]);
});

Deno.test("a binary file whose first 4 KiB hold a key: line is not YAML", () => {
  const bytes = new TextEncoder().encode("name: x\ncontext: y\n\x00\x01\x02binary\n");
  assert.throws(
    () => decodeCardFile(bytes, LIMIT),
    (error) => error instanceof InvalidInput && /Unknown card file/.test(error.message),
  );
});
