/**
 * Test support: texts at the boundary of a listed excerpt (`text_head.ts`: 200 UTF-16 units, cut
 * between graphemes), each with the excerpt a list must show, shared by the rooms' and the
 * lorebooks' list tests.
 *
 * @module
 */

/** The longest scenario or lorebook description the server takes (UTF-16 units). */
export const LONG_TEXT_MAX = 20_000;

const a = (n: number) => "a".repeat(n);
const FAMILY = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}"; // 11 units, one grapheme

/** Texts at the excerpt's boundary: label, text, and the excerpt each must show (undefined: whole). */
export const EXCERPT_CASES: ReadonlyArray<[string, string, string | undefined]> = [
  ["empty", "", undefined],
  ["exactly at the limit", a(200), undefined],
  ["one over", a(201), a(200)],
  ["far over", a(LONG_TEXT_MAX), a(200)],
  ["a pair's halves across the limit", a(199) + "😀", a(199)],
  ["a pair ending at the limit", a(198) + "😀", undefined],
  ["pairs only, at the limit", "😀".repeat(100), undefined],
  ["pairs only, one over", "😀".repeat(101), "😀".repeat(100)],
  ["pairs only, far over", "😀".repeat(LONG_TEXT_MAX / 2), "😀".repeat(100)],
  ["three-byte characters at the limit", "語".repeat(200), undefined],
  ["three-byte characters one over", "語".repeat(201), "語".repeat(200)],
  ["a family across the limit", a(195) + FAMILY, a(195)],
  ["a flag across the limit", a(198) + "🇫🇷", a(198)],
  ["a combining accent just past the limit", a(199) + "e\u0301" + a(5), a(199)],
  ["a line break and quotes", `"${a(150)}"\n${a(100)}`, `"${a(150)}"\n${a(47)}`],
];

/** Texts of the largest size, one kind of character each (1, 3 and 4 UTF-8 bytes; escaped). */
export const LONGEST_TEXTS: readonly string[] = ["a", "語", "😀", "\u0001"].map((kind) =>
  kind.repeat(LONG_TEXT_MAX / kind.length)
);
