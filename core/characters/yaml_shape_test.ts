import assert from "node:assert/strict";
import { InvalidInput } from "../errors.ts";
import { decodeCardFile } from "./codec.ts";
import { assertYamlShape, YAML_MAX_NODES, YAML_MAX_TOKENS } from "./yaml_shape.ts";

const LIMIT = { maxBytes: 16 * 1024 * 1024 };
const yaml = (text: string) => decodeCardFile(new TextEncoder().encode(text), LIMIT);
/** The fields a YAML character keeps in `extensions.text_generation_webui`. */
const kept = (text: string) =>
  Object.keys(yaml(text).data.extensions.text_generation_webui as Record<string, unknown>);

/** Checks an error is the bounds' -32602 refusal (before parsing) matching `pattern`. */
function refusedBefore(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof InvalidInput, String(error));
    assert.match(error.message, pattern);
    return true;
  };
}

const NODES = /more than 2000 YAML nodes/;

Deno.test("commas, anchors, tags, aliases and keys count as nodes: such a file is refused before it is parsed", () => {
  const many = YAML_MAX_NODES + 10;
  // Empty flow items are parse errors, each costing the parser a node's work and more: a file of
  // commas is refused by the count, never parsed (before, 49 KB of them held the thread 2 s).
  for (
    const text of [
      `name: x\nd: [${",".repeat(many)}]\n`,
      `name: x\nd: {${",".repeat(many)}}\n`,
      `name: x\nd: [${"a,".repeat(many / 2)}]\n`,
      `name: x\nd: ${"&a ".repeat(many)}x\n`,
      `name: x\nd: ${"!a ".repeat(many)}x\n`,
      `name: x\na: &a [x]\nd: [${"*a ".repeat(many)}]\n`,
      `name: x\nd: [${"'' ".repeat(many)}]\n`,
      `name: x\n${"k: ".repeat(many)}\n`,
    ]
  ) {
    assert.throws(() => assertYamlShape(text), refusedBefore(NODES), text.slice(0, 40));
    assert.throws(() => yaml(text), refusedBefore(NODES), text.slice(0, 40));
  }
  // Indicators count: 1,100 `key:` lines with no value are 2,200 nodes.
  const keys = Array.from({ length: 1_100 }, (_, i) => `k${i}:`).join("\n");
  assert.throws(() => yaml(`name: x\n${keys}\n`), refusedBefore(NODES));
  // And so do empty sequence items and explicit keys.
  assert.throws(() => yaml(`name: x\nd:\n${"  -\n".repeat(many)}`), refusedBefore(NODES));
  assert.throws(() => assertYamlShape(`name: x\n${"?\n".repeat(many)}`), refusedBefore(NODES));
  // Directives too (a file of them is not told to be YAML, but the count does not rely on that).
  const directives = `${"%TAG !t! tag:x,2000:\n".repeat(many)}---\nname: x\n`;
  assert.throws(() => assertYamlShape(directives), refusedBefore(NODES));
});

Deno.test("the lines and escapes of a scalar count as tokens: a huge block of short lines is refused", () => {
  const lines = `name: x\nd: |\n${"  a\n".repeat(YAML_MAX_TOKENS)}`;
  assert.throws(() => yaml(lines), refusedBefore(/more than 10000 YAML tokens/));
  const folded = `name: x\nd: >\n${"  a\n".repeat(YAML_MAX_TOKENS)}`;
  assert.throws(() => yaml(folded), refusedBefore(/more than 10000 YAML tokens/));
  const escapes = `name: x\nd: "${"\\t".repeat(YAML_MAX_TOKENS)}"\n`;
  assert.throws(() => yaml(escapes), refusedBefore(/more than 10000 YAML tokens/));
  // One long line is one token: a long description is fine.
  assert.equal(
    yaml(`name: x\ncontext: ${"word ".repeat(19_000)}\n`).data.description.length,
    94_999,
  );
  // And so are a few hundred lines of text.
  const text = `name: x\ncontext: |\n${"  A line of the story.\n".repeat(500)}`;
  assert.equal(yaml(text).data.description.split("\n").length, 501);
});

Deno.test("flow nesting is bounded before parsing; sibling flows and closers without openers are not nesting", () => {
  assert.throws(
    () => assertYamlShape(`name: x\nd: ${"[".repeat(65)}${"]".repeat(65)}\n`),
    refusedBefore(/nests its flow collections \(\[ \], \{ \}\) deeper than 64 levels/),
  );
  // 100 sibling flow values, each one level deep, are 100 levels of nothing.
  const siblings = Array.from({ length: 100 }, (_, i) => `k${i}: [a]`).join("\n");
  assert.equal(
    kept(`name: x\n${siblings}\n`).length,
    100,
  );
  // Closers first do not let openers past the bound.
  assert.throws(
    () =>
      assertYamlShape(`name: x\nd: x\n${"]".repeat(20)}\ne: ${"[".repeat(65)}${"]".repeat(65)}\n`),
    refusedBefore(/nests its flow collections/),
  );
});

Deno.test("a character of a few dozen fields is far within the bounds", () => {
  const fields = Array.from(
    { length: 60 },
    (_, i) => `field_${i}: "A value, with commas, and more"`,
  );
  assert.equal(kept(`name: x\ntags: [a, b, c]\n${fields.join("\n")}\n`).length, 61);
});
