import assert from "node:assert/strict";
import table from "unhomoglyph/data.json" with { type: "json" };
import { CONFUSABLES, Confusables, packConfusables } from "./confusables.ts";
import { confusablesFile } from "./gen_confusables.ts";

const TABLE: Readonly<Record<string, string>> = table;

Deno.test("the packed confusables give every character of unhomoglyph's table its prototype", () => {
  const chars = Object.keys(TABLE);
  assert.equal(CONFUSABLES.size, chars.length);
  for (const char of chars) assert.equal(CONFUSABLES.prototypeOf(char), TABLE[char], char);
  // Characters around each listed one, and past both ends, have none unless listed.
  const codes = chars.map((char) => char.codePointAt(0)!);
  for (const code of [0, 0x10ffff, ...codes.flatMap((code) => [code - 1, code + 1])]) {
    if (code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) continue;
    const char = String.fromCodePoint(code);
    assert.equal(
      CONFUSABLES.prototypeOf(char),
      Object.hasOwn(TABLE, char) ? TABLE[char] : undefined,
    );
  }
});

Deno.test("a confusables lookup takes one character: more, or none, has no prototype", () => {
  const packed = packConfusables({ "𝐀": "A", "1": "l", "|": "l", "ﬀ": "ff" }, "test");
  assert.equal(packed.chars, "1|ﬀ𝐀");
  assert.equal(packed.prototypes, "l\nl\nff\nA\n");
  const confusables = new Confusables(packed);
  assert.equal(confusables.prototypeOf("𝐀"), "A");
  assert.equal(confusables.prototypeOf("ﬀ"), "ff");
  assert.equal(confusables.prototypeOf("1"), "l");
  for (const text of ["", "11", "1|", "𝐀𝐀", "𝐀1", "\ud835", "2"]) {
    assert.equal(confusables.prototypeOf(text), undefined, JSON.stringify(text));
  }
  assert.throws(() => packConfusables({ ab: "x" }, "test"), RangeError);
  assert.throws(() => packConfusables({ a: "x\ny" }, "test"), RangeError);
  assert.throws(() => new Confusables({ source: "", chars: "ab", prototypes: "x\n" }), RangeError);
});

Deno.test("confusables.gen.json is what gen_confusables.ts writes from the package (else: deno task gen:confusables)", async () => {
  const file = await Deno.readTextFile(new URL("./confusables.gen.json", import.meta.url));
  assert.equal(file, confusablesFile());
});
