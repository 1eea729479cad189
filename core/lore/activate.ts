/**
 * Lorebook activation (World Info): which entries of the books in play fire for this moment of
 * the chat, and where their content goes. The rules follow the Character Card V2/V3 specs and
 * SillyTavern's World Info, whose extension fields (`selectiveLogic`, `scan_depth`,
 * `match_whole_words`, `prevent_recursion`...) cards carry:
 *
 * - an entry fires when it is enabled and constant, or one of its keys occurs in the last
 *   `scan_depth` messages (entry, then book, then default); with `selective` and secondary keys,
 *   `selectiveLogic` decides: 0 AND ANY (default), 1 NOT ALL, 2 NOT ANY, 3 AND ALL;
 * - keys are substrings, whole words when `match_whole_words`, case-blind unless
 *   `case_sensitive`, regular expressions with `use_regex` or when written `/.../flags`;
 * - recursive scanning: the content of fired entries (unless `prevent_recursion`) is scanned
 *   again for entries of books with `recursive_scanning`, at most `maxRecursionSteps` times;
 *   `exclude_recursion` entries fire only from the chat, `delay_until_recursion` ones only from
 *   recursion;
 * - each book has a token budget (`token_budget`, else the default): newly fired entries are
 *   admitted highest `priority` (else `insertion_order`) first; the first that does not fit closes
 *   the book for the rest of the scan;
 * - all books share the total budget (`totalTokenBudget`, `LORE_TOTAL_TOKEN_BUDGET`), whatever
 *   their own budgets say: the first entry that does not fit it closes every book, so the lore of
 *   one prompt stays bounded with 32 books of `token_budget` 1,000,000;
 * - macros (`{{char}}`, `{{user}}`) are replaced in a key when it is looked for and in an entry's
 *   content only once it fired and its book still has room, so entries that never fire cost no
 *   macro pass;
 * - fired entries are placed by position (before or after the character definitions, in the
 *   personality or scenario section, around the example dialogue, or at a depth in the chat),
 *   lowest `insertion_order` first;
 * - the key scan has a time budget (`timeBudget`, default `LORE_TIME_BUDGET_MS`): past it, the
 *   entries whose keys are still to be looked for are cut with reason `time` (constants still
 *   fire), so one request cannot hold the event loop for seconds;
 * - at most `maxEntries` (`LORE_MAX_ENTRIES`) entries are in play, in book then entry order: the
 *   rest are cut with reason `limit`, unscanned;
 * - SillyTavern's controls (`controls.ts`): an entry whose `character_filter` leaves out the
 *   persona (`character`) is not in play, nor one whose `delay` the chat's length has not
 *   reached, nor one cooling down; a sticky one fires without its keys or a probability roll
 *   (via `sticky`); of the entries of one inclusion group that fire in a step, one stays
 *   (`groups.ts`; the others are cut, reason `group`); the sticky and cooldown effects of what
 *   fired are kept in `timed` (`timed_effects.ts`).
 *
 * @module
 */
import { type Candidate, candidates } from "./candidate.ts";
import { type Hit, needsKeyScan, passesGates, tryCandidate } from "./candidate_scan.ts";
import { passesCharacterFilter } from "./controls.ts";
import { applyInclusionGroups, groupScore, scoredCandidates, scoreFound } from "./groups.ts";
import { entryKey, type TimedEffects, type TimedEntry } from "./timed_effects.ts";
import { ChatBuffer } from "./chat_buffer.ts";
import { Deadline, OutOfTime } from "./time_budget.ts";
import { entriesInPlay } from "./in_play.ts";
import { estimateTokens } from "./tokens.ts";
import {
  type ActivationInput,
  type CutEntry,
  type FiredEntry,
  type FiredVia,
  LORE_DEFAULTS,
  LORE_MAX_ENTRIES,
  type LoreActivation,
  type LorePosition,
  type LoreSource,
  type RefusedKey,
} from "./activation_types.ts";

// The shapes live apart (candidate.ts needs them without importing this module).
export * from "./activation_types.ts";
export { LORE_TIME_BUDGET_MS, type TimeBudget } from "./time_budget.ts";

/** Runs activation over the books in play. */
export function activateLore(input: ActivationInput): LoreActivation {
  const defaults = input.defaults ?? LORE_DEFAULTS;
  const random = input.random ?? Math.random;
  // The budget covers building the candidates too (cheap: no macro is replaced there).
  const deadline = new Deadline(input.timeBudget);
  const { books, cut, unbuilt } = entriesInPlay(
    input.books,
    input.maxEntries ?? LORE_MAX_ENTRIES,
  );
  const sticky = new Set<Candidate>();
  const all = candidates({ ...input, books }, defaults).filter((c) =>
    c.entry.enabled && c.raw.trim() !== "" && passesGates(c, input) &&
    passesControls(c, { input, sticky })
  );
  const scored = scoredCandidates(all);
  const chat = new ChatBuffer(input.messages);
  const fired: FiredEntry[] = [];
  const done = new Set<Candidate>();
  const used = new Map<string, number>();
  const closed = new Set<string>();
  const total = { left: defaults.totalTokenBudget ?? LORE_DEFAULTS.totalTokenBudget, full: false };
  const refused = new Map<string, RefusedKey>();
  const onRefused = (candidate: Candidate, key: string, reason: string) => {
    const lorebookId = candidate.source.id;
    refused.set(`${lorebookId}\u0000${candidate.index}\u0000${key}`, {
      lorebook_id: lorebookId,
      entry: candidate.index,
      key,
      reason,
    });
  };
  const firedGroups = new Set<string>();
  const firedCandidates: Candidate[] = [];
  let recursion = "";
  for (let step = 0; step <= defaults.maxRecursionSteps; step++) {
    chat.startStep(step, recursion);
    let hits: Hit[] = [];
    for (const candidate of all) {
      if (done.has(candidate) || closed.has(candidate.source.id)) continue;
      if (sticky.has(candidate)) {
        if (step === 0) hits.push({ candidate, via: "sticky" });
        continue;
      }
      if (step === 0 && candidate.delayUntilRecursion > 0) continue;
      if (step > 0) {
        if (!candidate.recursive || candidate.excludeRecursion) continue;
        if (candidate.delayUntilRecursion > step) continue;
      }
      // Past the budget, cut at once: no scan built, no macro replaced, nothing thrown.
      if (deadline.passed && needsKeyScan(candidate)) {
        done.add(candidate);
        cut.push(cutOf(candidate, { tokens: estimateTokens(candidate.raw), reason: "time" }));
        continue;
      }
      const scan = () => chat.scan(candidate.scanDepth);
      try {
        const score = scored.has(candidate);
        const hit = tryCandidate(candidate, { scan, step, deadline, onRefused, score });
        if (hit) hits.push(hit);
      } catch (error) {
        if (!(error instanceof OutOfTime)) throw error;
        done.add(candidate);
        cut.push(cutOf(candidate, { tokens: estimateTokens(candidate.raw), reason: "time" }));
      }
    }
    hits.sort((a, b) =>
      b.candidate.rank - a.candidate.rank || a.candidate.sourceIndex - b.candidate.sourceIndex ||
      a.candidate.index - b.candidate.index
    );
    const groups = applyInclusionGroups(hits, {
      fired: firedGroups,
      sticky: (hit) => sticky.has(hit.candidate),
      // Counted as its keys were looked for, else (constants, decorators) under the deadline.
      score: (hit) =>
        hit.found
          ? scoreFound(hit.candidate, hit.found)
          : groupScore(hit.candidate, chat.scan(hit.candidate.scanDepth), deadline),
      random,
    });
    for (const [hits, reason] of [[groups.dropped, "group"], [groups.timedOut, "time"]] as const) {
      for (const { candidate } of hits) {
        done.add(candidate);
        cut.push(cutOf(candidate, { tokens: estimateTokens(candidate.raw), reason }));
      }
    }
    hits = groups.kept;
    const added: string[] = [];
    for (const { candidate, via, key } of hits) {
      done.add(candidate);
      const bookId = candidate.source.id;
      if (total.full || closed.has(bookId)) {
        // Its macros are never replaced: the estimate is of the text as written.
        cut.push(cutOf(candidate, { tokens: estimateTokens(candidate.raw), reason: "budget" }));
        continue;
      }
      const rolls = candidate.probability < 100 && !sticky.has(candidate);
      if (rolls && random() * 100 >= candidate.probability) {
        cut.push(
          cutOf(candidate, { tokens: estimateTokens(candidate.raw), reason: "probability" }),
        );
        continue;
      }
      // Its macros may leave nothing (`{{// note}}` alone): then it adds nothing, as before.
      if (candidate.content.trim() === "") continue;
      const tokens = estimateTokens(candidate.content);
      const budget = candidate.source.book.token_budget ?? defaults.tokenBudget;
      const spent = used.get(bookId) ?? 0;
      if (spent + tokens > budget || tokens > total.left) {
        if (tokens > total.left) total.full = true;
        closed.add(bookId);
        cut.push(cutOf(candidate, { tokens, reason: "budget" }));
        continue;
      }
      used.set(bookId, spent + tokens);
      total.left -= tokens;
      fired.push(firedOf({ candidate, via, key, step, tokens }));
      firedCandidates.push(candidate);
      for (const group of candidate.controls.groups) firedGroups.add(group);
      if (!candidate.preventRecursion) added.push(candidate.content);
    }
    if (added.length === 0) break;
    recursion = recursion ? `${recursion}\n${added.join("\n")}` : added.join("\n");
  }
  input.timed?.fired(firedCandidates.map(timedEntry));
  return {
    fired: fired.sort(promptOrder(input.books)),
    cut,
    ...(unbuilt > 0 ? { cut_unbuilt: unbuilt } : {}),
    refused_keys: [...refused.values()],
  };
}

/** How the timed effects look `candidate` up. */
function timedEntry(candidate: Candidate): TimedEntry {
  const { controls } = candidate;
  const key = entryKey(candidate.entry, candidate.index);
  return { book: candidate.source.id, key, entry: candidate.entry, ...controls };
}

/**
 * Whether SillyTavern's controls let `candidate` into play: its character filter, its `delay`,
 * and its timed effects (a sticky one is added to `sticky`; one cooling down is left out).
 */
function passesControls(
  candidate: Candidate,
  { input, sticky }: { input: ActivationInput; sticky: Set<Candidate> },
): boolean {
  const { controls } = candidate;
  if (!passesCharacterFilter(controls.characterFilter, input.character)) return false;
  if ((input.chatLength ?? input.messages.length) < controls.delay) return false;
  const timed: TimedEffects | undefined = input.timed;
  if (!timed || timed.empty) return true;
  const entry = timedEntry(candidate);
  if (timed.active("sticky", entry)) {
    sticky.add(candidate);
    return true;
  }
  return !timed.active("cooldown", entry);
}

function cutOf(
  candidate: Candidate,
  { tokens, reason }: { tokens: number; reason: CutEntry["reason"] },
): CutEntry {
  return {
    lorebook_id: candidate.source.id,
    entry: candidate.index,
    label: candidate.label,
    tokens,
    reason,
  };
}

function firedOf(
  fire: { candidate: Candidate; via: FiredVia; key?: string; step: number; tokens: number },
): FiredEntry {
  const { candidate } = fire;
  const result: FiredEntry = {
    lorebook_id: candidate.source.id,
    lorebook_name: candidate.source.name,
    entry: candidate.index,
    label: candidate.label,
    via: fire.via,
    step: fire.step,
    position: candidate.position,
    insertion_order: candidate.entry.insertion_order,
    tokens: fire.tokens,
    content: candidate.content,
  };
  if (candidate.entry.id !== undefined) result.id = candidate.entry.id;
  if (fire.key !== undefined) result.matched_key = fire.key;
  if (candidate.depth !== undefined) result.depth = candidate.depth;
  if (candidate.role !== undefined) result.role = candidate.role;
  return result;
}

function promptOrder(books: readonly LoreSource[]): (a: FiredEntry, b: FiredEntry) => number {
  const precedence = new Map(books.map((book, index) => [book.id, index]));
  return (a, b) =>
    a.insertion_order - b.insertion_order ||
    (precedence.get(a.lorebook_id) ?? 0) - (precedence.get(b.lorebook_id) ?? 0) ||
    a.entry - b.entry;
}

/** The contents fired for `position`, in prompt order, one per line. */
export function loreAt(activation: LoreActivation, position: LorePosition): string {
  return activation.fired.filter((entry) => entry.position === position)
    .map((entry) => entry.content).join("\n");
}
