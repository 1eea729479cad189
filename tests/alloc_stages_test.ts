import assert from "node:assert/strict";
import { allocationsByStage, type ProfileNode, stageOf } from "./bench/_alloc_stages.ts";

const root = "file:///srv/persona";
const frame = (functionName: string, file = "", lineNumber = 0) => ({
  functionName,
  url: file === "" ? "" : `${root}/${file}`,
  lineNumber,
});
const node = (
  callFrame: ProfileNode["callFrame"],
  selfSize: number,
  children: ProfileNode[] = [],
): ProfileNode => ({ callFrame, selfSize, children });

Deno.test("bench:chat:alloc stages: a sample counts for the innermost frame naming a stage", () => {
  const recall = frame("recall", "core/memory/memory_reads.ts");
  const run = frame("#run", "core/memory/search.ts");
  const gather = frame("gatherCandidates", "core/memory/search_candidates.ts");
  const analysed = frame("analysedQuery", "core/memory/query_analysis.ts");
  const helper = frame("words", "core/memory/text.ts");
  assert.equal(stageOf([recall, run, gather, analysed, helper]), "query analysis");
  assert.equal(stageOf([recall, run, gather, helper]), "candidate search");
  assert.equal(stageOf([recall, run, helper]), "ranking");
  assert.equal(stageOf([recall, helper]), "recall (rest)");
  // After an await only the resumed async function is on the stack.
  assert.equal(stageOf([gather, helper]), "candidate search");
  assert.equal(stageOf([helper]), "other");
  assert.equal(stageOf([]), "other");
});

Deno.test("bench:chat:alloc stages: a function is known by its file, not its name alone", () => {
  // The model client's `chat` and a test's `recall` are no stage of the chat engine's.
  assert.equal(stageOf([frame("chat", "core/llm/ollama.ts")]), "other");
  assert.equal(stageOf([frame("recall", "tests/bench/chat_alloc.ts")]), "other");
  assert.equal(stageOf([frame("rank", "core/memory/rank.ts")]), "ranking");
  // The question's reading is ranking's, though after an await `#run` is no longer on the stack.
  assert.equal(stageOf([frame("searchQuestion", "core/memory/search_question.ts")]), "ranking");
  assert.equal(stageOf([frame("rank", "core/memory/ranking.ts")]), "other");
  // The engine's own code is prompt assembly; its history and recall modules are not.
  assert.equal(stageOf([frame("sendMessage", "core/chat/engine.ts")]), "prompt assembly (engine)");
  assert.equal(stageOf([frame("append", "core/chat/windowed_history.ts")]), "history");
  assert.equal(stageOf([frame("recallFor", "core/chat/recall.ts")]), "recall (rest)");
  assert.equal(
    stageOf([
      frame("sendMessage", "core/chat/engine.ts"),
      frame("rememberExchange", "core/memory/service.ts"),
    ]),
    "storing the exchange",
  );
});

Deno.test("bench:chat:alloc stages: bytes add up by stage, a builtin's counted to its caller", () => {
  const profile = node(frame("(root)"), 0, [
    node(frame("#run", "core/memory/search.ts", 99), 100, [
      node(frame("rank", "core/memory/rank.ts", 137), 40, [node(frame("push"), 8)]),
      node(frame("gatherCandidates", "core/memory/search_candidates.ts", 9), 30),
    ]),
    node(frame("(garbage collector)"), 5),
  ]);
  const { stages, functions } = allocationsByStage(profile);
  assert.deepEqual(Object.fromEntries(stages), {
    ranking: 148,
    "candidate search": 30,
    other: 5,
  });
  assert.deepEqual(Object.fromEntries(functions), {
    "#run core/memory/search.ts:100": 100,
    "rank core/memory/rank.ts:138": 48,
    "gatherCandidates core/memory/search_candidates.ts:10": 30,
    "(garbage collector) :1": 5,
  });
});
