/**
 * Reasoning blocks taken out of a reply as it streams. Thinking models served without a reasoning
 * parser (llama-server without `--reasoning-format`, LM Studio, vLLM without `--reasoning-parser`,
 * DeepSeek-R1 distills, qwen3 on Ollama even with thinking off) write their thoughts into the
 * answer's text as `<think>…</think>` before the answer. Those thoughts are not the persona's
 * words: they never reach a client, a streamed piece, history, memory or a JSON parser.
 *
 * What counts as a reasoning block: `<think>`, `<thinking>` or `<reasoning>` (any case) that opens
 * the reply, after nothing but whitespace, or directly follows such a block; it ends at its
 * closing tag, and the whitespace after it goes too. A tag later in the text is the persona's own
 * text and stays. While the reply could still be opening a block (`<thi` so far), and while a
 * block is open, the text is held back; a block's text is dropped as it arrives (only a closing
 * tag's length is kept), so a long thought costs no memory.
 *
 * A reply that ends inside an open block, or with nothing after its blocks, has said nothing but
 * thoughts: {@linkcode ThinkFilter.end} reports it, and the service answers `no_answer` instead of
 * passing the thoughts off as words. A reply that ends while it could still be opening a block
 * (`<thi`) gets that text back as words.
 *
 * @module
 */

/** Block names, lower case: `<think>`, `<thinking>`, `<reasoning>`. */
const NAMES = ["think", "thinking", "reasoning"];
const OPENINGS = NAMES.map((name) => `<${name}>`);
/** Each opening tag's closing tag, matched in any case. */
const CLOSINGS = new Map(NAMES.map((name) => [`<${name}>`, new RegExp(`</${name}>`, "i")]));
/** Longest opening tag: a reply's start is held back at most this long. */
const LONGEST_OPENING = Math.max(...OPENINGS.map((tag) => tag.length));

/** Whether `text` (lower case, no leading whitespace) is an opening tag begun but not ended. */
function opensPartly(text: string): boolean {
  return text.length < LONGEST_OPENING && OPENINGS.some((tag) => tag.startsWith(text));
}

/** The opening tag `text` (lower case) starts with, if any. */
function openingAt(text: string): string | undefined {
  return OPENINGS.find((tag) => text.startsWith(tag));
}

/** How a reply ended: its visible text was complete, or it was still inside a block. */
export interface ThinkEnd {
  /** Text held back at the end that turned out to be words (`<thi` never finished), or "". */
  rest: string;
  /** True when the reply ended inside an open reasoning block. */
  inBlock: boolean;
  /** True when the reply had a reasoning block (open or closed). */
  thought: boolean;
}

/** Filters one reply's pieces: `push` each piece, passing on what it returns; then `end`. */
export class ThinkFilter {
  /** `lead`: a block may still open here; `block`: inside one; `text`: words pass through. */
  #state: "lead" | "block" | "text" = "lead";
  /** Text held back: the lead so far, or the last characters of a block (its closing tag). */
  #held = "";
  /** The closing tag of the open block, matched in any case. */
  #closing = /<\/think>/i;
  /** Its length: a block keeps its last characters but one held back. */
  #closingLength = 0;
  /** True after a block closed: whitespace before the next words is dropped. */
  #afterBlock = false;
  /** True once a block opened. */
  #thought = false;

  /** The visible text of `piece` that can be passed on now ("" while holding back). */
  push(piece: string): string {
    // The common case, once the reply has begun with words: no copy, no search.
    if (this.#state === "text") return piece;
    this.#held += piece;
    while (true) {
      if (this.#state === "block") {
        // Searched as is: lower case may change a text's length (`İ`), and with it the index.
        const at = this.#held.search(this.#closing);
        if (at < 0) {
          // Thoughts are dropped; only what could be the start of the closing tag is kept.
          this.#held = this.#held.slice(-(this.#closingLength - 1));
          return "";
        }
        this.#held = this.#held.slice(at + this.#closingLength);
        this.#state = "lead";
        this.#afterBlock = true;
        continue;
      }
      if (this.#state === "text") return this.#take();
      const trimmed = this.#held.trimStart();
      const lower = trimmed.toLowerCase();
      const opening = openingAt(lower);
      if (opening) {
        this.#closing = CLOSINGS.get(opening)!;
        this.#closingLength = opening.length + 1;
        this.#held = trimmed.slice(opening.length);
        this.#state = "block";
        this.#thought = true;
        continue;
      }
      // Only whitespace, or a tag begun: wait for more.
      if (trimmed === "" || opensPartly(lower)) return "";
      this.#state = "text";
      if (this.#afterBlock) this.#held = trimmed;
    }
  }

  /** Ends the reply: what is still held back as words, and whether a block was left open. */
  end(): ThinkEnd {
    if (this.#state === "block") return { rest: "", inBlock: true, thought: true };
    const rest = this.#afterBlock ? this.#held.trimStart() : this.#held;
    this.#held = "";
    this.#state = "text";
    return { rest, inBlock: false, thought: this.#thought };
  }

  #take(): string {
    const text = this.#held;
    this.#held = "";
    return text;
  }
}
