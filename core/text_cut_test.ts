import assert from "node:assert/strict";
import { cutText, cutUtf8, ECHO_MAX, echoed } from "./text_cut.ts";

Deno.test("text is cut on a grapheme boundary, never inside a character", () => {
  const cases: Array<[string, string]> = [
    ["😀", "surrogate pair"],
    ["🇫🇷", "flag: two regional indicators"],
    ["👍🏽", "emoji with a skin tone"],
    ["👨‍👩‍👧", "family joined by ZWJs"],
    ["e\u0301", "letter and combining accent"],
  ];
  for (const [character, name] of cases) {
    const text = "ab" + character.repeat(3);
    for (let max = 2; max < text.length; max++) {
      const cut = cutText(text, max);
      assert.ok(cut.length <= max, name);
      const kept = (cut.length - 2) / character.length;
      assert.equal(kept, Math.floor((max - 2) / character.length), `${name} at ${max}`);
      assert.ok(cut.startsWith("ab") && cut.isWellFormed(), name);
    }
    assert.equal(cutText(text, text.length), text);
  }
});

Deno.test("a first grapheme longer than the bound is cut on a code point boundary", () => {
  const zalgo = "a" + "\u0301".repeat(50);
  assert.equal(cutText(zalgo, 10), zalgo.slice(0, 10));
  const emoji = "😀" + "\u0301".repeat(50);
  assert.equal(cutText(emoji, 1), "");
  assert.equal(cutText(emoji, 3), emoji.slice(0, 3));
  assert.equal(cutText("abc", 0), "");
});

Deno.test("echoed: whole up to ECHO_MAX, else cut there with an ellipsis", () => {
  assert.equal(ECHO_MAX, 200);
  assert.equal(echoed("x".repeat(200)), "x".repeat(200));
  assert.equal(echoed("x".repeat(201)), `${"x".repeat(200)}…`);
  assert.equal(echoed(`${"x".repeat(199)}😀tail`), `${"x".repeat(199)}…`);
});

Deno.test("a cut between two ASCII characters equals the segmenter's, CR LF kept whole", () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  const general = (text: string, max: number) => {
    let end = 0;
    for (const { index, segment } of segmenter.segment(text)) {
      if (index + segment.length > max) break;
      end = index + segment.length;
    }
    return text.slice(0, end);
  };
  const ascii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
  const marks = ["\u0301", "\u200D", "\uFE0F", "\u20E3", "😀", "🇫"];
  for (const a of ascii) {
    for (const b of [...ascii, ...marks]) {
      for (const c of ["", "x", "\n", "\u0301"]) {
        const text = `ab${a}${b}${c}`;
        assert.equal(cutText(text, 3), general(text, 3), JSON.stringify(text));
      }
    }
  }
  assert.equal(cutText("ab\r\ncd", 3), "ab");
  assert.equal(cutText("ab\n\rcd", 3), "ab\n");
});

Deno.test("a cut to UTF-8 bytes stays within them, between characters", () => {
  const encoder = new TextEncoder();
  for (const text of ["a".repeat(200), "é".repeat(200), "😀".repeat(200), `x${"€😀".repeat(90)}`]) {
    for (const max of [0, 1, 3, 4, 5, 122, 123]) {
      const cut = cutUtf8(text, max);
      assert.ok(encoder.encode(cut).length <= max, `${text.slice(0, 4)} at ${max}`);
      assert.ok(cut.isWellFormed() && text.startsWith(cut));
      assert.ok(
        encoder.encode(text.slice(cut.length, cut.length + 2)).length + encoder.encode(cut).length >
            max || cut === text,
      );
    }
  }
  assert.equal(cutUtf8("short", 123), "short");
});
