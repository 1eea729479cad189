/**
 * NovelAI, Agnai and RisuAI lorebook files, laid out as those applications export them, import
 * with their keys, content, names, order and switches (as SillyTavern's importer converts them).
 */
import assert from "node:assert/strict";
import { InvalidInput } from "../errors.ts";
import { lorebookFromDocument } from "./formats.ts";
import { activateLore } from "./activate.ts";

/** A NovelAI `.lorebook` (version 5): context settings per entry, categories, settings. */
function novelAiLorebook() {
  const context = (budgetPriority: number) => ({
    prefix: "",
    suffix: "\n",
    tokenBudget: 1,
    reservedTokens: 0,
    budgetPriority,
    trimDirection: "trimBottom",
    insertionType: "newline",
    maximumTrimType: "sentence",
    insertionPosition: -1,
  });
  const entry = (fields: Record<string, unknown>) => ({
    contextConfig: context(400),
    lastUpdatedAt: 1_700_000_000_000,
    searchRange: 1000,
    enabled: true,
    forceActivation: false,
    keyRelative: false,
    nonStoryActivatable: false,
    category: "",
    loreBiasGroups: [],
    ...fields,
  });
  return {
    lorebookVersion: 5,
    entries: [
      entry({
        text: "Dragons of the Ember Coast breathe blue fire.",
        displayName: "Dragons",
        id: "6d0c2f3a-1b7e-4c55-9a0e-2f5b7c1d9e01",
        keys: ["dragon", "wyrm"],
        contextConfig: context(600),
      }),
      entry({
        text: "The Ember Coast is always foggy at dawn.",
        displayName: "Coast",
        id: "6d0c2f3a-1b7e-4c55-9a0e-2f5b7c1d9e02",
        keys: [],
        forceActivation: true,
      }),
      entry({
        text: "An old draft.",
        displayName: "",
        id: "6d0c2f3a-1b7e-4c55-9a0e-2f5b7c1d9e03",
        keys: ["draft"],
        enabled: false,
      }),
    ],
    settings: { orderByKeyLocations: false },
    categories: [],
  };
}

/** An Agnai memory book export. */
function agnaiMemoryBook() {
  return {
    _id: "c0ffee00-0000-4000-8000-000000000001",
    kind: "memory",
    userId: "anon",
    name: "Ember Coast",
    description: "Places and beasts of the coast.",
    entries: [
      {
        name: "Dragons",
        entry: "Dragons breathe blue fire.",
        keywords: ["dragon"],
        priority: 10,
        weight: 5,
        enabled: true,
      },
      {
        name: "Harbour",
        entry: "The harbour freezes in winter.",
        keywords: ["harbour", "port"],
        priority: 0,
        weight: 1,
        enabled: false,
      },
    ],
  };
}

/** A RisuAI lorebook export: comma-separated keys, `insertorder`, `alwaysActive`. */
function risuLorebook() {
  const entry = (fields: Record<string, unknown>) => ({
    key: "",
    secondkey: "",
    comment: "",
    content: "",
    mode: "normal",
    insertorder: 100,
    alwaysActive: false,
    selective: false,
    extentions: { risu_case_sensitive: false },
    activationPercent: 100,
    useRegex: false,
    bookVersion: 2,
    ...fields,
  });
  return {
    type: "risu",
    ver: 1,
    data: [
      entry({
        key: "dragon, wyrm ",
        comment: "Dragons",
        content: "Dragons breathe blue fire.",
        insertorder: 50,
      }),
      entry({
        key: "bell",
        secondkey: "midnight, thirteen",
        selective: true,
        comment: "Bells",
        content: "The bell rings thirteen times.",
        activationPercent: 40,
      }),
      entry({ comment: "Fog", content: "It is always foggy.", alwaysActive: true }),
    ],
  };
}

Deno.test("a NovelAI lorebook imports: text, keys, display names, priority as order, always-on, disabled", () => {
  const { book, source } = lorebookFromDocument(novelAiLorebook());
  assert.equal(source, "novelai");
  assert.deepEqual(
    book.entries.map((
      e,
    ) => [e.keys, e.content, e.comment, e.insertion_order, e.constant, e.enabled]),
    [
      [
        ["dragon", "wyrm"],
        "Dragons of the Ember Coast breathe blue fire.",
        "Dragons",
        600,
        false,
        true,
      ],
      [[], "The Ember Coast is always foggy at dawn.", "Coast", 400, true, true],
      [["draft"], "An old draft.", "", 400, false, false],
    ],
  );
  const fired = activateLore({
    books: [{ id: "nai", name: "NovelAI", book }],
    messages: [{ name: "", text: "A dragon!" }],
  });
  assert.deepEqual(fired.fired.map((entry) => entry.content).sort(), [
    "Dragons of the Ember Coast breathe blue fire.",
    "The Ember Coast is always foggy at dawn.",
  ]);
});

Deno.test("an Agnai memory book imports: entry text, keywords, name, weight as order, priority", () => {
  const { book, source } = lorebookFromDocument(agnaiMemoryBook());
  assert.equal(source, "agnai_memory");
  assert.equal(book.name, "Ember Coast");
  assert.equal(book.description, "Places and beasts of the coast.");
  assert.deepEqual(
    book.entries.map((
      e,
    ) => [e.keys, e.content, e.comment, e.insertion_order, e.priority, e.enabled]),
    [
      [["dragon"], "Dragons breathe blue fire.", "Dragons", 5, 10, true],
      [["harbour", "port"], "The harbour freezes in winter.", "Harbour", 1, 0, false],
    ],
  );
});

Deno.test("a RisuAI lorebook imports: comma keys, secondary keys, order, always active, activation percent", () => {
  const { book, source } = lorebookFromDocument(risuLorebook());
  assert.equal(source, "risu");
  assert.deepEqual(
    book.entries.map((
      e,
    ) => [e.keys, e.secondary_keys, e.content, e.insertion_order, e.constant, e.selective]),
    [
      [["dragon", "wyrm"], [], "Dragons breathe blue fire.", 50, false, false],
      [["bell"], ["midnight", "thirteen"], "The bell rings thirteen times.", 100, false, true],
      [[], [], "It is always foggy.", 100, true, false],
    ],
  );
  assert.equal(book.entries[1]?.extensions.probability, 40);
});

Deno.test("a foreign lorebook without its entry list is -32602 naming the field", () => {
  for (
    const [document, field] of [
      [{ kind: "memory", name: "x" }, "lorebook.entries"],
      [{ type: "risu", ver: 1, data: {} }, "lorebook.data"],
      [{ lorebookVersion: 5 }, "lorebook.entries"],
    ] as const
  ) {
    assert.throws(() => lorebookFromDocument(document), (error: unknown) => {
      assert.ok(error instanceof InvalidInput);
      const fields = (error.data as { fields: { field: string }[] }).fields.map((f) => f.field);
      assert.deepEqual(fields, [field]);
      return true;
    });
  }
  assert.throws(
    () => lorebookFromDocument({ kind: "memory", entries: [{ entry: {}, keywords: "x" }] }),
    (error: unknown) => error instanceof InvalidInput && /entries\.0\.content/.test(error.message),
  );
});

Deno.test("RisuAI regex entries stay regex and keep their counts; its folders are left out", () => {
  const document = risuLorebook();
  document.data.push(
    {
      ...document.data[0]!,
      key: "\uf000folder:abc",
      comment: "Places",
      content: "",
      mode: "folder",
    },
    {
      ...document.data[0]!,
      key: "/a{1,3}rgh/i, /ye+s/i",
      comment: "Shout",
      content: "Someone shouts.",
      useRegex: true,
    },
    { ...document.data[0]!, key: "drag(on|ons)", comment: "Re", content: "Regex.", useRegex: true },
  );
  const { book } = lorebookFromDocument(document);
  assert.deepEqual(book.entries.map((entry) => entry.comment), [
    "Dragons",
    "Bells",
    "Fog",
    "Shout",
    "Re",
  ]);
  const [shout, re] = book.entries.slice(3);
  assert.deepEqual([shout?.keys, shout?.use_regex], [["/a{1,3}rgh/i", "/ye+s/i"], true]);
  assert.deepEqual([re?.keys, re?.use_regex], [["drag(on|ons)"], true]);
  assert.equal(book.entries[0]?.use_regex, false);
  const fired = (text: string) =>
    activateLore({ books: [{ id: "risu", name: "Risu", book }], messages: [{ name: "", text }] })
      .fired.map((entry) => entry.content).sort();
  assert.deepEqual(fired("AARGH!"), ["It is always foggy.", "Someone shouts."]);
  assert.deepEqual(fired("Yeees."), ["It is always foggy.", "Someone shouts."]);
  assert.deepEqual(fired("two dragons"), [
    "Dragons breathe blue fire.",
    "It is always foggy.",
    "Regex.",
  ]);
});
