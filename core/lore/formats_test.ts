import assert from "node:assert/strict";
import { InvalidInput } from "../errors.ts";
import { lorebookV3Document, parseLorebook } from "./book.ts";
import { lorebookFromDocument } from "./formats.ts";
import { parseDecorators } from "./decorators.ts";

Deno.test("a V2 character_book is read leniently: comma keys, null fields, missing extensions", () => {
  const book = parseLorebook({
    name: "World",
    entries: [
      { keys: "glade, refuge", content: "The glade.", enabled: null, insertion_order: "7" },
      { keys: ["forest"], content: null, secondary_keys: null, extensions: null },
    ],
  });
  assert.deepEqual(book.entries[0], {
    keys: ["glade", "refuge"],
    content: "The glade.",
    extensions: {},
    enabled: true,
    insertion_order: 7,
    use_regex: false,
  });
  assert.equal(book.entries[1]?.content, "");
  assert.deepEqual(book.extensions, {});
});

Deno.test("unknown fields of books and entries are kept for export", () => {
  const book = parseLorebook({
    extensions: { "agnai/x": 1 },
    future_field: { a: 1 },
    entries: [{ keys: ["k"], content: "c", vendor_flag: true, extensions: { depth: 4 } }],
  });
  assert.deepEqual(book.future_field, { a: 1 });
  assert.equal(book.entries[0]?.vendor_flag, true);
  const exported = lorebookV3Document(book);
  assert.equal(exported.spec, "lorebook_v3");
  assert.equal(exported.data.entries[0]?.use_regex, false, "V3 requires use_regex");
  assert.equal(exported.data.entries[0]?.vendor_flag, true);
});

Deno.test("a malformed book is one -32602 naming every bad field", () => {
  try {
    parseLorebook({ entries: [{ keys: [1, {}], content: 5 }, "nope", { enabled: "maybe" }] });
    assert.fail("expected an error");
  } catch (error) {
    assert.ok(error instanceof InvalidInput);
    const fields = (error.data as { fields: { field: string }[] }).fields.map((f) => f.field);
    assert.deepEqual(fields, [
      "lorebook.entries.0.keys.1",
      "lorebook.entries.1",
      "lorebook.entries.2.enabled",
    ]);
  }
  assert.throws(() => parseLorebook({ entries: {} }), InvalidInput);
});

Deno.test("lorebook_v3 files, cards and SillyTavern World Info files all import", () => {
  const v3 = lorebookFromDocument({
    spec: "lorebook_v3",
    data: { name: "V3", entries: [{ keys: ["a"], content: "A", use_regex: false }] },
  });
  assert.equal(v3.source, "lorebook_v3");
  assert.equal(v3.book.name, "V3");
  const card = lorebookFromDocument({
    spec: "chara_card_v2",
    data: { name: "Seraphina", character_book: { entries: [{ keys: ["b"], content: "B" }] } },
  });
  assert.equal(card.book.name, "Seraphina", "a nameless card book takes the card's name");
  const world = lorebookFromDocument({
    entries: {
      "0": {
        uid: 0,
        key: ["eldoria", "wood"],
        keysecondary: [],
        comment: "eldoria",
        content: "Eldoria is here.",
        constant: false,
        selective: true,
        selectiveLogic: 0,
        order: 100,
        position: 0,
        disable: false,
        probability: 100,
        useProbability: true,
        depth: 4,
        scanDepth: null,
        caseSensitive: null,
        matchWholeWords: true,
      },
      "1": {
        uid: 1,
        key: ["shadowfang"],
        content: "Beasts.",
        order: 90,
        position: 1,
        disable: true,
      },
    },
  });
  assert.equal(world.source, "sillytavern_world");
  const [first, second] = world.book.entries;
  assert.deepEqual(first?.keys, ["eldoria", "wood"]);
  assert.equal(first?.insertion_order, 100);
  assert.equal(first?.position, "before_char");
  assert.equal(first?.id, 0);
  assert.equal(first?.extensions.match_whole_words, true);
  assert.equal(first?.extensions.selectiveLogic, 0);
  assert.equal(second?.enabled, false);
  assert.equal(second?.position, "after_char");
  assert.throws(() => lorebookFromDocument({ hello: 1 }), InvalidInput);
  assert.throws(() => lorebookFromDocument({ spec: "chara_card_v2", data: {} }), InvalidInput);
});

Deno.test("decorators are read from the top of the content and trimmed from it", () => {
  const { decorators, content } = parseDecorators(
    "@@scan_depth 5\n@@depth 2\n@@role user\n@@scan_depth 9\n\nThe text\n@@not_a_decorator",
  );
  assert.deepEqual(decorators, { scanDepth: 5, depth: 2, role: "user" });
  assert.equal(content, "The text\n@@not_a_decorator");
  assert.deepEqual(parseDecorators("plain").decorators, {});
  const fallback = parseDecorators("@@risu_only 4\n@@@agn_only 4\n@@@activate_only_after 4\nx");
  assert.deepEqual(fallback.decorators, { activateOnlyAfter: 4 });
  assert.deepEqual(parseDecorators("@@depth -3\nx").decorators, {}, "invalid values are ignored");
});

Deno.test('World Info fields written as text: disable "false" is enabled, position "1" is after', () => {
  const world = lorebookFromDocument({
    entries: {
      "0": { uid: 0, key: "a, b", content: "A", disable: "false", position: "1", order: "10" },
      "1": { uid: 1, key: ["c"], content: "C", disable: "true", position: "0" },
      "2": { uid: 2, key: ["d"], content: "D", disable: 0, position: 4 },
    },
  });
  assert.deepEqual(
    world.book.entries.map((e) => [e.keys, e.enabled, e.position, e.insertion_order]),
    [
      [["a", "b"], true, "after_char", 10],
      [["c"], false, "before_char", 100],
      [["d"], true, "after_char", 100],
    ],
  );
  assert.throws(
    () => lorebookFromDocument({ entries: { "0": { uid: 0, key: ["a"], disable: "maybe" } } }),
    (error: unknown) => error instanceof InvalidInput && /entries\.0\.enabled/.test(error.message),
  );
});

Deno.test("a World Info position that is no number is -32602 by field, not a TypeError", () => {
  for (const position of [{ toString: 1, valueOf: 1 }, true, [1], "after", {}]) {
    const document = { entries: { "0": { uid: 0, key: ["a"], content: "c", position } } };
    assert.throws(() => lorebookFromDocument(document), (error: unknown) => {
      assert.ok(error instanceof InvalidInput, `${JSON.stringify(position)}: ${error}`);
      const fields = (error.data as { fields: { field: string }[] }).fields.map((f) => f.field);
      assert.deepEqual(fields, ["lorebook.entries.0.position"]);
      return true;
    });
  }
  const named = lorebookFromDocument({
    entries: [{ uid: 0, key: ["a"], content: "c", position: "after_char" }],
  });
  assert.equal(named.book.entries[0]?.position, "after_char");
});

Deno.test('World Info fields named "constructor" or "__proto__" stay plain extension fields', () => {
  const entry = JSON.parse(
    '{"uid":0,"key":["a"],"content":"c","constructor":5,"toString":"x","__proto__":{"polluted":1}}',
  );
  const { book } = lorebookFromDocument({ entries: { "0": entry } });
  const extensions = book.entries[0]?.extensions ?? {};
  assert.equal(extensions.constructor, 5);
  assert.equal(extensions.to_string, "x");
  assert.deepEqual(Object.getOwnPropertyDescriptor(extensions, "__proto__")?.value, {
    polluted: 1,
  });
  assert.equal(Object.getPrototypeOf(extensions), Object.prototype);
});
