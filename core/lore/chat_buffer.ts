/**
 * The chat text a lorebook activation scans: the last messages to each scan depth, newest first,
 * with the recursion buffer of the step (the content of entries fired so far).
 *
 * @module
 */
import { ScanText } from "./match.ts";
import type { ScanMessage } from "./activation_types.ts";

/**
 * The text scanned at each depth (newest messages first) with the recursion buffer of the step,
 * built once per depth and step: every entry of a depth shares one text (and its lower case).
 */
export class ChatBuffer {
  readonly #newestFirst: string[];
  readonly #scans = new Map<string, ScanText>();
  #recursion = "";
  #step = 0;

  /** Keeps `messages` (oldest first), newest first, each as `name: text`. */
  constructor(messages: readonly ScanMessage[]) {
    this.#newestFirst = messages.map((m) => (m.name ? `${m.name}: ${m.text}` : m.text)).reverse();
  }

  /** Starts step `step` with `recursion` (fired content) scanned too. */
  startStep(step: number, recursion: string): void {
    this.#step = step;
    this.#recursion = recursion;
  }

  /** The last `depth` messages of the chat, with the step's recursion buffer after them. */
  scan(depth: number): ScanText {
    const key = `${depth}|${this.#step}`;
    let scan = this.#scans.get(key);
    if (!scan) {
      const base = this.#newestFirst.slice(0, depth).join("\n");
      scan = this.#step > 0 && this.#recursion
        ? new ScanText(`${base}\n${this.#recursion}`, base.length)
        : new ScanText(base);
      this.#scans.set(key, scan);
    }
    return scan;
  }
}
