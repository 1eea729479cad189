/**
 * Lorebook activation cost per chat message: a book of N entries (plain keys, a tenth selective,
 * a tenth regex, recursion on) over an eight-exchange chat, against the same scan with no book.
 * Prints medians in milliseconds. Run: `deno run tests/bench/lore_activation.ts`.
 */
import { activateLore, type LoreSource } from "../../core/lore/activate.ts";
import type { LoreEntry } from "../../core/lore/book.ts";

function book(size: number): LoreSource {
  const entries: LoreEntry[] = Array.from({ length: size }, (_, i) => ({
    keys: [`topic${i}`, `alias${i}`],
    content: `Entry ${i} mentions topic${(i * 7) % size} in passing.`,
    extensions: i % 10 === 3 ? { selectiveLogic: 0 } : {},
    enabled: true,
    insertion_order: i % 100,
    use_regex: i % 10 === 5,
    selective: i % 10 === 3,
    secondary_keys: i % 10 === 3 ? ["harbor"] : [],
  }));
  return { id: "b", name: "Bench", book: { extensions: {}, entries, recursive_scanning: true } };
}

const chat = Array.from({ length: 16 }, (_, i) => ({
  name: i % 2 ? "Aria" : "user",
  text: `Message ${i} about the harbor, topic${i * 3} and a long tail of ordinary words `.repeat(4),
}));

function median(samples: number[]): number {
  const sorted = samples.toSorted((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function time(run: () => void, rounds = 50): number {
  for (let i = 0; i < 5; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const baseline = time(() => activateLore({ books: [], messages: chat }));
console.log(`no book: ${baseline.toFixed(3)} ms`);
for (const size of [100, 1000, 5000]) {
  const source = book(size);
  const ms = time(() => activateLore({ books: [source], messages: chat }));
  const fired = activateLore({ books: [source], messages: chat }).fired.length;
  console.log(`${size} entries: ${ms.toFixed(2)} ms median (${fired} fired)`);
}
