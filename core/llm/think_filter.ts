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
 * Some chat templates open the block themselves (DeepSeek-R1 distills and QwQ end the prompt with
 * `<think>\n`), so the reply begins mid-thought and only its closing tag shows. A closing tag with
 * no block open therefore ends a thought too: what came before it was thinking, and
 * {@linkcode ThinkFilter.takeBack} tells the caller to take back what it passed on (it cannot be
 * held back without holding back every reply). The service then remembers the model, and its next
 * replies start with `opensInThought`: held back until the closing tag, so no thought is streamed;
 * such a reply that ends without a closing tag did not think, and its text is words.
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
/** Any closing tag: ends a block the chat template opened (only its closing tag is in the reply). */
const ANY_CLOSING = new RegExp(`</(?:${NAMES.join("|")})>`, "i");
/** Longest closing tag: text passed on keeps this much minus one to find a tag split in two. */
const LONGEST_CLOSING = LONGEST_OPENING + 1;

/** Where the first closing tag in `text` at or after `from` starts, or -1. */
function closingFrom(text: string, from: number): number {
  const search = new RegExp(ANY_CLOSING.source, "gi");
  search.lastIndex = from;
  return search.exec(text)?.index ?? -1;
}

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

/** How a reply is read. */
export interface ThinkFilterOptions {
  /** The model's chat template opens the block: the reply is a thought until its closing tag. */
  opensInThought?: boolean;
}

/**
 * Filters one reply's pieces: `push` each piece, passing on what it returns (after asking
 * `takeBack`); then `end`.
 */
export class ThinkFilter {
  /**
   * `lead`: a block may still open here; `block`: inside one; `text`: words pass through;
   * `opened`: maybe inside a block the template opened, held back whole (it may be words).
   */
  #state: "lead" | "block" | "text" | "opened" = "lead";
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
  /** Whether the template opens the block (see {@linkcode ThinkFilterOptions}). */
  #opensInThought: boolean;
  /** How much of the held text was searched for a closing tag (state `opened`). */
  #searched = 0;
  /** The last characters passed on: a closing tag may have begun in them. */
  #passedTail = "";
  /** True when a closing tag showed with no block open and what was passed on is thought. */
  #takeBack = false;

  /** A filter for one reply. */
  constructor(options: ThinkFilterOptions = {}) {
    this.#opensInThought = options.opensInThought ?? false;
  }

  /** The visible text of `piece` that can be passed on now ("" while holding back). */
  push(piece: string): string {
    if (this.#state === "text") {
      // Once a block was seen, the rest is words: no copy, no search.
      if (this.#thought) return piece;
      return this.#watchForClosing(piece);
    }
    this.#held += piece;
    while (true) {
      if (this.#state === "opened") {
        // Only new text (and a tag begun before it) is searched: a long thought costs no rescans.
        const closing = closingFrom(this.#held, Math.max(0, this.#searched - LONGEST_CLOSING + 1));
        this.#searched = this.#held.length;
        if (closing < 0) return "";
        this.#held = this.#held.slice(closing).replace(ANY_CLOSING, "");
        this.#state = "lead";
        this.#afterBlock = true;
        this.#thought = true;
        continue;
      }
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
      if (this.#opensInThought && !this.#thought) {
        this.#state = "opened";
        continue;
      }
      this.#state = "text";
      if (this.#afterBlock) this.#held = trimmed;
      if (!this.#thought) return this.#watchForClosing(this.#take());
    }
  }

  /**
   * True once after a closing tag showed with no block open: everything passed on before was
   * the end of a thought the template began, to be taken back by the caller.
   */
  takeBack(): boolean {
    const takeBack = this.#takeBack;
    this.#takeBack = false;
    return takeBack;
  }

  /** Passes `piece` on unless a closing tag ends in it: then what follows the tag goes on. */
  #watchForClosing(piece: string): string {
    const seen = this.#passedTail + piece;
    const closing = seen.search(ANY_CLOSING);
    if (closing < 0) {
      this.#passedTail = seen.slice(-(LONGEST_CLOSING - 1));
      return piece;
    }
    this.#takeBack = true;
    this.#thought = true;
    this.#passedTail = "";
    this.#held = seen.slice(closing).replace(ANY_CLOSING, "");
    this.#state = "lead";
    this.#afterBlock = true;
    return this.push("");
  }

  /**
   * Ends the reply: what is still held back as words, and whether a block was left open.
   * `cutShort`: the reply stopped at the token limit, so a reply still held back as a thought the
   * template opened is thoughts, not words.
   */
  end(options: { cutShort?: boolean } = {}): ThinkEnd {
    if (this.#state === "block") return { rest: "", inBlock: true, thought: true };
    if (this.#state === "opened" && options.cutShort) {
      this.#held = "";
      return { rest: "", inBlock: true, thought: true };
    }
    // The template opened no block this time: what was held back is words.
    if (this.#state === "opened") {
      const rest = this.#held;
      this.#held = "";
      this.#state = "text";
      return { rest, inBlock: false, thought: false };
    }
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
