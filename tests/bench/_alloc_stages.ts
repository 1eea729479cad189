/**
 * Bytes allocated, split by the chat stage that allocated them, from a V8 sampling heap profile
 * (`HeapProfiler.stopSampling`, taken with the objects collected by GC kept in): for
 * `chat_alloc.ts`. A sample's stage is that of the innermost frame of its stack that names one
 * (`STAGES`): the query's analysis inside candidate search counts as analysis, candidate search
 * inside recall as candidate search. After an `await` a stack holds only the async functions
 * resumed, so each stage names the async functions of its own as well as its entry point.
 *
 * @module
 */

/** A frame of a V8 sampling heap profile. */
export interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  /** Bytes allocated in this frame itself (scaled from the samples). */
  selfSize: number;
  children: ProfileNode[];
}

/** A stage: the frames that enter it, by file (path ending) and function name. */
interface Stage {
  name: string;
  frames: readonly { file: RegExp; functions: RegExp }[];
}

const memory = (file: string) => new RegExp(`/core/memory/${file}$`);

/**
 * The stages in the order a chat runs them. Frames name files by their path under `core/` so
 * a function of the same name elsewhere (the model client's `chat`) is not taken for another.
 */
export const STAGES: readonly Stage[] = [
  {
    name: "query analysis",
    frames: [
      { file: memory("query_analysis\\.ts"), functions: /^analysedQuery$/ },
      { file: memory("meaning/answer_types\\.ts"), functions: /^plainQuery$/ },
      { file: memory("clauses\\.ts"), functions: /^queryClauses$/ },
      { file: memory("query\\.ts"), functions: /^queryVoice$/ },
      { file: memory("noun_modifiers\\.ts"), functions: /^queryModifiers$/ },
    ],
  },
  {
    name: "candidate search",
    frames: [
      { file: memory("search_candidates\\.ts"), functions: /^gatherCandidates$/ },
      { file: memory("sqlite_candidates\\.ts"), functions: /^findCandidates$/ },
    ],
  },
  {
    name: "ranking",
    frames: [
      { file: memory("search\\.ts"), functions: /^(#run|#cascaded|ranked|touch)$/ },
      // A compound question's parts, moved out of `#cascaded` (`cascadedOne` was `#cascadedOne`).
      { file: memory("search_cascade\\.ts"), functions: /^rankedInCascade$/ },
      // The question's reading, moved out of `#run`: its own async frame after an `await`.
      { file: memory("search_question\\.ts"), functions: /^searchQuestion$/ },
      { file: memory("rank\\.ts"), functions: /^rank$/ },
      { file: memory("candidate_alignment\\.ts"), functions: /^alignCandidates$/ },
      { file: memory("subject_overlap\\.ts"), functions: /^subjectOverlap$/ },
      { file: memory("coverage\\.ts"), functions: /^byCoverage$/ },
    ],
  },
  {
    name: "recall (rest)",
    frames: [
      { file: memory("memory_reads\\.ts"), functions: /^recall$/ },
      { file: /\/core\/chat\/recall\.ts$/, functions: /./ },
    ],
  },
  {
    name: "storing the exchange",
    frames: [{ file: /\/core\/memory\/[^/]+\.ts$/, functions: /^(rememberExchange|storeAll)$/ }],
  },
  {
    name: "history",
    frames: [{
      file: /\/core\/chat\/(history|windowed_history|session_windows)\.ts$/,
      functions: /./,
    }],
  },
  {
    name: "prompt assembly (engine)",
    frames: [{ file: /\/core\/chat\/[^/]+\.ts$/, functions: /./ }],
  },
];

/** The stage of a stack (outermost frame first): its innermost frame's that names one. */
export function stageOf(stack: readonly ProfileNode["callFrame"][]): string {
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i]!;
    for (const stage of STAGES) {
      if (
        stage.frames.some(({ file, functions }) =>
          file.test(frame.url) && functions.test(frame.functionName)
        )
      ) return stage.name;
    }
  }
  return "other";
}

/**
 * Bytes by stage, and by the allocating function (`name file:line`; a builtin's bytes go to the
 * innermost script function calling it), of a whole profile.
 */
export function allocationsByStage(
  head: ProfileNode,
): { stages: Map<string, number>; functions: Map<string, number> } {
  const stages = new Map<string, number>();
  const functions = new Map<string, number>();
  const stack: ProfileNode["callFrame"][] = [];
  const visit = (node: ProfileNode) => {
    stack.push(node.callFrame);
    if (node.selfSize > 0) {
      const stage = stageOf(stack);
      stages.set(stage, (stages.get(stage) ?? 0) + node.selfSize);
      // A builtin's bytes (`Set.prototype.add`, an iterator's `next`) are its caller's.
      const { functionName, url, lineNumber } = stack.findLast((frame) => frame.url !== "") ??
        node.callFrame;
      const where = `${functionName || "(anonymous)"} ${
        url.replace(/^.*\/(core|tests)\//, "$1/")
      }:${lineNumber + 1}`;
      functions.set(where, (functions.get(where) ?? 0) + node.selfSize);
    }
    for (const child of node.children) visit(child);
    stack.pop();
  };
  visit(head);
  return { stages, functions };
}
