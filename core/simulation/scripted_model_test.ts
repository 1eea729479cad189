import assert from "node:assert/strict";
import { buildTurnMessages, MAX_TOKENS, type ResponseType } from "../dialogue/prompt.ts";
import { mentions, sentiment } from "../dialogue/utterance.ts";
import { Cancelled, LlmUnavailable } from "../errors.ts";
import type { ChatCall } from "../llm/client.ts";
import type { Persona } from "../personas/mod.ts";
import { z } from "zod";
import { personaFixture } from "../personas/testing/fixture.ts";
import {
  PRESENT_PATTERNS_LIMIT,
  presentPattern,
  presentPatternsKept,
  readCue,
  ScriptedModel,
} from "./scripted_model.ts";
import { CLOSING, SHORT } from "./scripted_lines.ts";

const persona = personaFixture;

const warm = persona("Mira", { agreeableness: 0.95, neuroticism: 0.1, extraversion: 0.9 }, {
  magic: 95,
});
const sour = persona("Grum", { agreeableness: 0.05, neuroticism: 0.95, extraversion: 0.2 }, {
  magic: 5,
});
const roster = [warm, sour];

function call(
  speaker: Persona,
  type: ResponseType,
  opts: { transcript?: string; mood?: string } = {},
): ChatCall {
  const others = roster.filter((p) => p !== speaker);
  const messages = buildTurnMessages({
    speaker,
    others,
    topic: "magic",
    transcript: opts.transcript
      ? [{
        turn_number: 1,
        speaker_id: others[0]!.id,
        speaker_name: others[0]!.name,
        content: opts.transcript,
        continue_score: 70,
        tokens: 10,
      }]
      : [],
    responseType: type,
    sections: opts.mood ? [{ title: "How you feel", lines: [`Mood: ${opts.mood} (0.00)`] }] : [],
  });
  return { model: "scripted", messages, maxTokens: MAX_TOKENS[type] };
}

Deno.test("the cue is read from the engine's own prompt", () => {
  const cue = readCue(call(sour, "short", { mood: "low" }), roster);
  assert.equal(cue.speaker, sour);
  assert.equal(cue.topic, "magic");
  assert.deepEqual(cue.others, [warm]);
  assert.equal(cue.responseType, "short");
  assert.equal(cue.mood, -0.3);
});

Deno.test("the same prompt and seed give the same line; another seed or turn another", async () => {
  const model = new ScriptedModel({ seed: 1, roster: () => roster });
  const other = new ScriptedModel({ seed: 2, roster: () => roster });
  const lines = async (m: ScriptedModel) => {
    const out: string[] = [];
    for (let i = 0; i < 6; i++) {
      out.push((await m.chat(call(warm, "full", { transcript: `x${i}` }))).text);
    }
    return out;
  };
  const first = await lines(model);
  assert.deepEqual(await lines(model), first);
  assert.notDeepEqual(await lines(other), first);
  assert.ok(new Set(first).size > 1, "different turns give different lines");
});

Deno.test("prompt tokens are the prompt's messages' token counts, read lazily yet serialized", async () => {
  const model = new ScriptedModel({ seed: 1, roster: () => roster });
  const prompt = call(warm, "full", { transcript: "The wards are failing tonight" });
  const result = await model.chat(prompt);
  // The scripted model counts a token per word (run of non-space characters).
  const words = (text: string) => text.split(/\s+/).filter((word) => word !== "").length;
  const expected = prompt.messages.reduce((sum, m) => sum + words(m.content), 0);
  assert.ok(expected > 100, `a whole prompt's worth (${expected})`);
  assert.equal(result.promptTokens, expected);
  assert.equal(result.promptTokens, expected, "the same when read again");
  assert.equal(JSON.parse(JSON.stringify(result)).promptTokens, expected);
  assert.equal(JSON.parse(JSON.stringify(await model.chat(prompt))).promptTokens, expected);
});

Deno.test("response types shape the line: closing and short lines come from their banks", async () => {
  const model = new ScriptedModel({ seed: 5, roster: () => roster });
  const closing = await model.chat(call(warm, "closing"));
  assert.ok(Object.values(CLOSING).flat().includes(closing.text), closing.text);
  const short = (await model.chat(call(warm, "short"))).text;
  const shortBank = Object.values(SHORT).flat().map((line) => line.replaceAll("{topic}", "magic"));
  assert.ok(shortBank.some((line) => line.toLowerCase() === short.toLowerCase()), short);
  const full = await model.chat(call(warm, "full"));
  assert.ok(full.text.split(/\s+/).length > short.split(/\s+/).length);
  assert.equal(full.completionTokens, full.text.split(/\s+/).length);
  assert.equal(full.model, "scripted");
});

Deno.test("a warm, keen persona sounds more positive than a sour, bored one", async () => {
  const model = new ScriptedModel({ seed: 9, roster: () => roster });
  let warmTotal = 0;
  let sourTotal = 0;
  for (let i = 0; i < 40; i++) {
    warmTotal += sentiment((await model.chat(call(warm, "full", { transcript: `t${i}` }))).text);
    sourTotal += sentiment((await model.chat(call(sour, "full", { transcript: `t${i}` }))).text);
  }
  assert.ok(warmTotal / 40 > 0.3, `warm mean ${warmTotal / 40}`);
  assert.ok(sourTotal / 40 < 0, `sour mean ${sourTotal / 40}`);
});

Deno.test("questions name only someone present, so the engine hands them the word", async () => {
  const model = new ScriptedModel({ seed: 3, roster: () => [...roster, persona("Absent", {})] });
  let asked = 0;
  for (let i = 0; i < 30; i++) {
    const { text } = await model.chat(call(warm, "full", { transcript: `q${i}` }));
    const named = mentions(text, ["Grum", "Absent", "Mira"]);
    assert.ok(!named.includes("Absent") && !named.includes("Mira"), text);
    if (named.includes("Grum")) asked++;
  }
  assert.ok(asked > 0, "an extravert asks the others now and then");
});

Deno.test("embeddings are deterministic unit vectors; aborted calls are refused", async () => {
  const model = new ScriptedModel({ seed: 1, roster: () => roster });
  const [a, b] = await model.embed("any", ["the old runes", "the old runes"]);
  assert.deepEqual(a, b);
  assert.ok(Math.abs(Math.hypot(...a!) - 1) < 1e-9);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(model.chat({ ...call(warm, "full"), signal: controller.signal }), Cancelled);
  assert.equal((await model.listModels()).reachable, true);
});

Deno.test("the scripted model writes lines, not JSON: a structured call is an honest error", async () => {
  const model = new ScriptedModel({ seed: 1, roster: () => roster });
  assert.equal(model.provider, "scripted");
  await assert.rejects(
    model.chatJson({ model: "scripted", messages: [], schema: z.object({ a: z.string() }) }),
    (error: LlmUnavailable) => {
      assert.ok(error instanceof LlmUnavailable);
      assert.equal((error.data as { reason: string }).reason, "unsupported");
      return true;
    },
  );
});

Deno.test("present patterns: kept by name, escaped, started over past PRESENT_PATTERNS_LIMIT", () => {
  assert.equal(PRESENT_PATTERNS_LIMIT, 1_000);
  for (let i = 0; presentPatternsKept() < PRESENT_PATTERNS_LIMIT; i++) presentPattern(`fill ${i}`);
  assert.equal(presentPatternsKept(), PRESENT_PATTERNS_LIMIT, "never more than the limit");
  const first = presentPattern("Dr. (Who)?");
  assert.equal(presentPatternsKept(), 1, "started over");
  assert.equal(presentPattern("Dr. (Who)?"), first, "kept");
  assert.equal(presentPatternsKept(), 1);
  assert.ok(first.test("Ann, Dr. (Who)? and Bo"));
  assert.ok(!first.test("Ann, Dr. Who and Bo"), "metacharacters escaped");
});
