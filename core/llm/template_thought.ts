/**
 * A thought the chat template opened, told by its real shape, and the models learned to open one.
 *
 * DeepSeek-R1 distills and QwQ end the prompt with `<think>\n`, so the reply begins mid-thought and
 * only its closing tag shows: `…thoughts\n</think>\n\nThe answer.` (an empty thought is
 * `\n</think>\n\n`). A closing tag anywhere else is the persona's own text: inline
 * (`like this: </think> is`), in backticks or quotes (then it is not alone on its line), in a
 * fenced code block, or after another `<think>` or `</think>` (a template opens one thought, and
 * it ends at the first closing tag). So only a line holding nothing but a closing tag ends one,
 * when no tag came before it and no code fence is open. The tag at the very start of a reply is
 * handled by the filter itself (`think_filter.ts`).
 *
 * @module
 */

/** Block names, lower case: `<think>`, `<thinking>`, `<reasoning>`. */
export const THINK_NAMES = ["think", "thinking", "reasoning"];
/** Any opening or closing tag: once one was seen, a later closing tag is text. */
const ANY_TAG = new RegExp(`</?(?:${THINK_NAMES.join("|")})>`, "i");
/** A line that holds only a tag, opening or closing (and spaces). */
const LONE_TAG = new RegExp(`^\\s*</?(?:${THINK_NAMES.join("|")})>\\s*$`, "i");
/** A line that holds only a closing tag (and spaces). */
const TAG_LINE = new RegExp(`^\\s*</(?:${THINK_NAMES.join("|")})>\\s*$`, "i");
/** Longest tag (`</reasoning>`): a tag split between pieces is found with this much kept. */
const LONGEST_TAG = Math.max(...THINK_NAMES.map((name) => name.length)) + 3;
/** A line's start kept: longer lines cannot be a tag line, only their start marks a fence. */
const LINE_HEAD = 64;

/**
 * The end of `seen` a tag split between pieces may have begun in: from its last "<" within a
 * tag's length but one, or nothing when there is none.
 */
function tailFrom(seen: string): string {
  const at = seen.lastIndexOf("<");
  return at < 0 || seen.length - at > LONGEST_TAG - 1 ? "" : seen.slice(at);
}

/**
 * Reads a reply's text piece by piece for the line that ends a template-opened thought. Keeps only
 * the start of the current line and a tag's length of its end, so a long reply costs no memory.
 */
export class TemplateThoughtScan {
  /**
   * The text is held back as a thought of a model known to open one (learned, or by its name):
   * a tag inside a line, or in a code fence, is then a thought about tags (the user asked about
   * them) and keeps no later tag line from ending it; only a lone tag line outside a fence does
   * (review34 F9: such a thought leaked whole, and unlearned the model). Other text keeps the
   * stricter rule: a persona's words about tags are the likelier reading there.
   */
  readonly #thoughtExpected: boolean;
  /** The current line's first {@linkcode LINE_HEAD} characters. */
  #head = "";
  /** The current line's last characters: a tag split between pieces. */
  #tail = "";
  /** True when the current line holds a tag (perhaps its only text). */
  #lineTag = false;
  /** True once a tag was seen outside the ending line: no later line ends a template thought. */
  #tagSeen = false;
  /** True inside a fenced code block (a line starting with three backticks or tildes). */
  #fenced = false;
  /** Characters read so far. */
  #read = 0;
  /** Where the answer begins (just after the tag line's line break), once found; else -1. */
  #found = -1;

  constructor(options: { thoughtExpected?: boolean } = {}) {
    this.#thoughtExpected = options.thoughtExpected ?? false;
  }

  /** Reads `text`; returns where the answer begins (an offset into all text read), or -1. */
  feed(text: string): number {
    if (this.#found >= 0) return this.#found;
    let start = 0;
    while (start <= text.length) {
      const lineEnd = text.indexOf("\n", start);
      const end = lineEnd < 0 ? text.length : lineEnd;
      this.#add(text.slice(start, end));
      if (lineEnd < 0) break;
      if (this.#endLine()) return this.#found = this.#read + lineEnd + 1;
      start = lineEnd + 1;
    }
    this.#read += text.length;
    return -1;
  }

  /** The reply ended: its last line, unended, may be the tag line (a reply of thought alone). */
  finish(): number {
    if (this.#found < 0 && this.#endLine()) this.#found = this.#read;
    return this.#found;
  }

  #add(part: string): void {
    if (this.#head.length < LINE_HEAD) this.#head += part.slice(0, LINE_HEAD - this.#head.length);
    // Every tag starts with "<": without one in the piece, only a tag begun in the tail could
    // end in it, and without one there either no tag is in sight and no tail need be kept.
    if (!part.includes("<")) {
      if (this.#tail === "") return;
      if (!part.includes(">")) {
        this.#tail = tailFrom(this.#tail + part);
        return;
      }
    }
    const seen = this.#tail + part;
    if (ANY_TAG.test(seen)) this.#lineTag = true;
    this.#tail = tailFrom(seen);
  }

  /** Closes the current line; true when it ends a template-opened thought. */
  #endLine(): boolean {
    const head = this.#head;
    const ends = this.#lineTag && !this.#tagSeen && !this.#fenced && head.length < LINE_HEAD &&
      TAG_LINE.test(head);
    // In an expected thought, only a lone tag line outside a fence counts: it may mention tags.
    const expected = this.#thoughtExpected;
    if (
      this.#lineTag &&
      (!expected || (!this.#fenced && head.length < LINE_HEAD && LONE_TAG.test(head)))
    ) this.#tagSeen = true;
    const trimmed = head.trimStart();
    if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) this.#fenced = !this.#fenced;
    this.#head = "";
    this.#tail = "";
    this.#lineTag = false;
    return ends;
  }
}

/** Replies in a row that must show the shape before a model is held back as one that opens it. */
export const REPLIES_TO_LEARN = 2;
/** Models remembered at most (model names come from personas: unbounded). */
const MODELS_KEPT = 1024;
/**
 * Model names whose chat templates are known to open the thought (DeepSeek-R1 and its distills,
 * QwQ): held back from their first reply, so a new user's first streamed replies do not show the
 * thought, and forgotten like any other at their first reply without the shape (a server that
 * parses thoughts apart, as newer Ollama does with `think`, sends none).
 */
const KNOWN_OPENERS = /(?:deepseek-r1|r1-distill|\bqwq\b)/i;

/**
 * Which models' templates open the thought, learned from their replies: a model is learned after
 * {@linkcode REPLIES_TO_LEARN} replies in a row end such a thought, and forgotten at its first
 * reply without one. So one reply that prints the tag (a user's "repeat after me") holds back no
 * one's stream, and a model wrongly learned holds back at most one reply.
 */
export class TemplateThoughtModels {
  /** `host model` → replies in a row that ended a template-opened thought. */
  readonly #inARow = new Map<string, number>();

  /**
   * True when `key`'s replies are held back until the closing tag: learned, or a model not seen
   * yet whose name is a {@linkcode KNOWN_OPENERS} one (`key` is `host model`).
   */
  learned(key: string): boolean {
    const inARow = this.#inARow.get(key);
    if (inARow === undefined) return KNOWN_OPENERS.test(key);
    return inARow >= REPLIES_TO_LEARN;
  }

  /** True when {@linkcode learned} rests on `key`'s name alone: none of its replies counted yet. */
  byNameOnly(key: string): boolean {
    return !this.#inARow.has(key) && KNOWN_OPENERS.test(key);
  }

  /**
   * Records one reply of `key`: `shape` when it ended a template-opened thought. `unsure` when a
   * reply without one proves nothing: cut at the token limit (maybe mid-thought), or a JSON answer
   * (a server's grammar for it may leave no room to think, while chats of that model do).
   */
  record(key: string, reply: { shape: boolean; unsure: boolean }): void {
    if (!reply.shape && reply.unsure) return;
    // A reply without the shape counts 0 (kept, so a known name's prior is spent too).
    const inARow = reply.shape ? Math.min((this.#inARow.get(key) ?? 0) + 1, REPLIES_TO_LEARN) : 0;
    this.#inARow.delete(key);
    this.#inARow.set(key, inARow);
    // The oldest entry goes first (a Map keeps insertion order).
    if (this.#inARow.size > MODELS_KEPT) this.#inARow.delete(this.#inARow.keys().next().value!);
  }
}
