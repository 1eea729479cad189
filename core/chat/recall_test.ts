import assert from "node:assert/strict";
import { Busy } from "../errors.ts";
import { createLogger } from "../log.ts";
import type { Persona } from "../personas/mod.ts";
import { recallSection } from "./recall.ts";

const persona = { id: "p1", name: "Aria" } as Persona;

async function logged(error: Error): Promise<string[]> {
  const lines: string[] = [];
  const log = createLogger("warn", { write: (line) => lines.push(line) });
  const memory = { recall: () => Promise.reject(error) };
  const sections = await recallSection({ memory, log }, { persona, query: "harbor", limit: 5 });
  assert.deepEqual(sections, [], "the chat goes on without memories");
  return lines;
}

Deno.test("a known recall failure (a busy model queue) is one warning line, without a stack", async () => {
  const lines = await logged(new Busy("The LLM queue is full (8 waiting); retry shortly"));
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /Memory recall failed/);
  assert.match(lines[0]!, /reason=busy/);
  assert.match(lines[0]!, /The LLM queue is full/);
  assert.doesNotMatch(lines[0]!, /\\n\s+at /, "no stack");
});

Deno.test("an unexpected recall failure keeps its stack in the warning", async () => {
  const lines = await logged(new TypeError("x is undefined"));
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /TypeError: x is undefined\\n\s+at /);
});
