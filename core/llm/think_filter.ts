/**
 * Reasoning blocks taken out of a reply as it streams. Thinking models served without a reasoning
 * parser (llama-server without `--reasoning-format`, LM Studio, vLLM without `--reasoning-parser`,
 * DeepSeek-R1 distills, qwen3 on Ollama even with thinking off) write their thoughts into the
 * answer's text as `<think>…</think>` before the answer. Those thoughts are not the persona's
 * words: they never reach a client, a streamed piece, history, memory or a JSON parser.
 *
 * What counts as a reasoning block: `<think>`, `<thinking>` or `<reasoning>` (any case) that opens
 * the reply, after nothing but whitespace, or directly follows such a block; it ends at its
 * matching closing tag (the same tag opened inside it nests), and the whitespace after it goes too.
 * A tag later in the text is the persona's own text and stays. While the reply could still be
 * opening a block (`<thi` so far), and while a block is open, the text is held back; a block's
 * text is dropped as it arrives (only a closing tag's length is kept), so a long thought costs no
 * memory.
 *
 * A reply that ends inside an open block, or with nothing after its blocks, has said nothing but
 * thoughts: {@linkcode ThinkFilter.end} reports it, and the service answers `no_answer` instead of
 * passing the thoughts off as words. A reply that ends while it could still be opening a block
 * (`<thi`) gets that text back as words.
 *
 * Some chat templates open the block themselves (DeepSeek-R1 distills and QwQ end the prompt with
 * `<think>\n`): the reply begins mid-thought and only its closing tag shows. That closing tag is
 * known by its real shape ({@linkcode TemplateThoughtScan}): alone on its line with no tag before
 * it, or at the very start of the reply. Text already passed on is never taken back (streamed
 * pieces cannot be called back, and they must join to the answer), so the thought is taken out
 * only where it was held back: a closing tag at the very start (nothing passed on yet), or a reply
 * read with `holdBack` (nobody streams it) or `opensInThought` (a model learned to open thoughts:
 * held back until its closing tag). Otherwise the reply stays whole and {@linkcode ThinkEnd} only
 * reports the shape, for the service to learn the model from.
 *
 * @module
 */
import { TemplateThoughtScan, THINK_NAMES } from "./template_thought.ts";

const OPENINGS = THINK_NAMES.map((name) => `<${name}>`);
const CLOSINGS = THINK_NAMES.map((name) => `</${name}>`);
/** Longest closing tag: a reply's start is read this far for one. */
const LONGEST_CLOSING = Math.max(...CLOSINGS.map((tag) => tag.length));
/** Each opening tag's own tags inside its block (nesting) and its closing tag, in any case. */
const BLOCK_TAGS = new Map(
  THINK_NAMES.map((name) => [`<${name}>`, new RegExp(`<(/?)${name}>`, "i")]),
);

/** Whether `text` (lower case, no leading whitespace) is one of `tags` begun but not ended. */
function partly(text: string, tags: string[]): boolean {
  return tags.some((tag) => text.length < tag.length && tag.startsWith(text));
}

/**
 * A reply's start (`trimmed`, no leading whitespace) read for the closing tag of a thought the
 * template opened: it must be alone on its first line, as anywhere else (`template_thought.ts`).
 * "wait" while that is open; where the answer begins once it is; "words" when it is not one.
 */
function leadClosing(trimmed: string): "wait" | "words" | number {
  const lower = trimmed.slice(0, LONGEST_CLOSING).toLowerCase();
  const closing = CLOSINGS.find((tag) => lower.startsWith(tag));
  if (!closing) return partly(lower, CLOSINGS) ? "wait" : "words";
  const lineEnd = trimmed.indexOf("\n", closing.length);
  const rest = trimmed.slice(closing.length, lineEnd < 0 ? undefined : lineEnd);
  if (rest.trim() !== "") return "words";
  return lineEnd < 0 ? "wait" : lineEnd + 1;
}

/** How a reply ended: its visible text was complete, or it was still inside a block. */
export interface ThinkEnd {
  /** Text held back at the end that turned out to be words (`<thi` never finished), or "". */
  rest: string;
  /** True when the reply ended inside an open reasoning block. */
  inBlock: boolean;
  /** True when the reply had a reasoning block (open or closed) that was taken out. */
  thought: boolean;
  /**
   * True when the reply ended a thought the chat template opened (its closing tag in its real
   * shape), whether it was taken out or, passed on already, left in the answer.
   */
  templateThought: boolean;
}

/** How a reply is read. */
export interface ThinkFilterOptions {
  /**
   * The model is known to open its thoughts in the template: the reply is held back until the
   * closing tag, and one cut off at the token limit without it is thought, not words.
   */
  opensInThought?: boolean;
  /**
   * `opensInThought` rests on the model's name alone (no reply of it seen yet): a reply cut at the
   * token limit without a closing tag is then words. A server that parses the thought apart
   * (newer Ollama does for `deepseek-r1`) sends the answer alone, and a cut answer beats none
   * (review34 F8).
   */
  openerByName?: boolean;
  /** Nothing is passed on before the end anyway (no one streams): held back like `opensInThought`. */
  holdBack?: boolean;
}

/**
 * Filters one reply's pieces: `push` each piece, passing on what it returns; then `end`.
 */
export class ThinkFilter {
  /**
   * `lead`: a block may still open here; `block`: inside one; `text`: words pass through;
   * `opened`: maybe inside a block the template opened, held back whole (it may be words).
   */
  #state: "lead" | "block" | "text" | "opened" = "lead";
  /** Text held back: the lead so far, the last characters of a block, or all of `opened`. */
  #held = "";
  /** The open block's tags: its own opening (nested) and closing tag. */
  #blockTags = /<(\/?)think>/i;
  /** The open block's closing tag's length: a block keeps its last characters but one. */
  #closingLength = 0;
  /** Blocks open (a block's own tag opened inside it nests). */
  #depth = 0;
  /** True after a block closed: whitespace before the next words is dropped. */
  #afterBlock = false;
  /** True once a block opened. */
  #thought = false;
  /** True once a template-opened thought ended (see {@linkcode ThinkEnd}). */
  #templateThought = false;
  readonly #opensInThought: boolean;
  readonly #openerByName: boolean;
  readonly #holdBack: boolean;
  /** Looks for the end of a template-opened thought (states `opened`, and `text` before any). */
  #scan: TemplateThoughtScan | undefined;

  /** A filter for one reply. */
  constructor(options: ThinkFilterOptions = {}) {
    this.#opensInThought = options.opensInThought ?? false;
    this.#openerByName = options.openerByName ?? false;
    this.#holdBack = options.holdBack ?? false;
  }

  /** The visible text of `piece` that can be passed on now ("" while holding back). */
  push(piece: string): string {
    if (this.#state === "text") {
      this.#watch(piece);
      return piece;
    }
    this.#held += piece;
    if (this.#state === "opened") return this.#afterOpened(this.#scan!.feed(piece));
    return this.#read();
  }

  /** Reads the held lead and blocks until words show (returned) or more text is needed (""). */
  #read(): string {
    while (true) {
      if (this.#state === "block") {
        if (!this.#leaveBlock()) return "";
        continue;
      }
      const trimmed = this.#held.trimStart();
      const lower = trimmed.toLowerCase();
      const opening = OPENINGS.find((tag) => lower.startsWith(tag));
      if (opening) {
        this.#blockTags = BLOCK_TAGS.get(opening)!;
        this.#closingLength = opening.length + 1;
        this.#depth = 1;
        this.#held = trimmed.slice(opening.length);
        this.#state = "block";
        this.#thought = true;
        continue;
      }
      const closing = this.#thought ? "words" : leadClosing(trimmed);
      if (closing === "wait") return "";
      if (typeof closing === "number") {
        // The template opened a thought, and it ended before anything went out.
        this.#held = trimmed.slice(closing);
        this.#endTemplateThought();
        continue;
      }
      // Only whitespace, or a tag begun: wait for more.
      if (trimmed === "" || partly(lower, OPENINGS)) return "";
      if (!this.#thought && (this.#opensInThought || this.#holdBack)) {
        this.#state = "opened";
        this.#scan = new TemplateThoughtScan({ thoughtExpected: this.#opensInThought });
        return this.#afterOpened(this.#scan.feed(this.#held));
      }
      this.#state = "text";
      if (this.#afterBlock) this.#held = trimmed;
      const text = this.#take();
      // Words passed on stay: the scan only tells whether a template thought ended in them.
      if (!this.#thought) this.#scan = new TemplateThoughtScan();
      this.#watch(text);
      return text;
    }
  }

  /** Inside a block: drops its text up to its closing tag; false while it is still open. */
  #leaveBlock(): boolean {
    while (this.#depth > 0) {
      // Searched as is: lower case may change a text's length (`İ`), and with it the index.
      const tag = this.#blockTags.exec(this.#held);
      if (!tag) {
        // Thoughts are dropped; only what could be the start of a tag is kept.
        this.#held = this.#held.slice(-(this.#closingLength - 1));
        return false;
      }
      this.#held = this.#held.slice(tag.index + tag[0].length);
      this.#depth += tag[1] ? -1 : 1;
    }
    this.#state = "lead";
    this.#afterBlock = true;
    return true;
  }

  /** In state `opened`: once the closing tag's line showed at `at`, the answer follows it. */
  #afterOpened(at: number): string {
    if (at < 0) return "";
    this.#held = this.#held.slice(at);
    this.#endTemplateThought();
    return this.#read();
  }

  #endTemplateThought(): void {
    this.#state = "lead";
    this.#afterBlock = true;
    this.#thought = true;
    this.#templateThought = true;
    this.#scan = undefined;
  }

  /** Words passed on: notes a template thought's end in them (they stay words). */
  #watch(text: string): void {
    if (this.#scan && this.#scan.feed(text) >= 0) this.#sawTemplateThought();
  }

  #sawTemplateThought(): void {
    this.#templateThought = true;
    this.#scan = undefined;
  }

  /**
   * Ends the reply: what is still held back as words, and whether a block was left open.
   * `cutShort`: the reply stopped at the token limit, so a reply of a model learned to open its
   * thoughts still held back without a closing tag is thoughts, not words; unless `thoughtApart`:
   * the server sent its reasoning in a field of its own, so the text is the answer.
   */
  end(options: { cutShort?: boolean; thoughtApart?: boolean } = {}): ThinkEnd {
    const templateThought = this.#templateThought;
    if (this.#state === "block") return { rest: "", inBlock: true, thought: true, templateThought };
    if (this.#state === "opened") {
      // Its last line was the closing tag: the reply was thought alone.
      if (this.#scan!.finish() >= 0) {
        this.#held = "";
        return { rest: "", inBlock: false, thought: true, templateThought: true };
      }
      const learned = this.#opensInThought && !this.#openerByName;
      if (options.cutShort && learned && !options.thoughtApart) {
        this.#held = "";
        return { rest: "", inBlock: true, thought: true, templateThought };
      }
      // The template opened no block this time: what was held back is words.
      this.#state = "text";
      return { rest: this.#take(), inBlock: false, thought: false, templateThought };
    }
    if (this.#scan && this.#scan.finish() >= 0) this.#sawTemplateThought();
    // The reply was its first line's closing tag alone: a thought the template opened, no answer.
    const held = this.#held.trim().toLowerCase();
    if (this.#state === "lead" && !this.#thought && CLOSINGS.includes(held)) {
      this.#held = "";
      this.#endTemplateThought();
    }
    const rest = this.#afterBlock ? this.#held.trimStart() : this.#held;
    this.#held = "";
    this.#state = "text";
    return {
      rest,
      inBlock: false,
      thought: this.#thought,
      templateThought: this.#templateThought,
    };
  }

  #take(): string {
    const text = this.#held;
    this.#held = "";
    return text;
  }
}
