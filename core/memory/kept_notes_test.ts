import assert from "node:assert/strict";
import { notesOfOneHead, SAME_HEAD_SHARE } from "./kept_notes.ts";

Deno.test("notesOfOneHead: two notes labelled with mostly the same words record one thing", () => {
  assert.equal(SAME_HEAD_SHARE, 0.5);
  // One word added to the label (a word of change, what of it) keeps half of the terms.
  assert.equal(
    notesOfOneHead(
      "energy: British Gas dual fuel, DD £168/mo",
      "switched energy → Octopus, £142/mo",
    ),
    true,
  );
  assert.equal(
    notesOfOneHead("Miso meds: Felimazole once a day", "Miso: Felimazole twice daily"),
    true,
  );
  assert.equal(
    notesOfOneHead("Tom — geog teacher, Fairfield", "Tom: head of yr 9 at Fairfield"),
    true,
  );
  // Two words of three shared: exactly half of the four terms between them.
  assert.equal(
    notesOfOneHead("Rafi swim lessons: Sat 0900 Horfield", "Rafi swimming moved → Sun 10:30"),
    true,
  );
});

Deno.test("notesOfOneHead: labels sharing a name or one word of several record different things", () => {
  // One term of three: Rafi's birth date is no swimming lesson.
  assert.equal(notesOfOneHead("Rafi — DOB 9/10/2019", "Rafi swimming moved → Sun 10:30"), false);
  assert.equal(
    notesOfOneHead("kids' shoe sizes: Isla 2, Rafi 11", "Rafi swimming moved → Sun"),
    false,
  );
  // A line that is no note on either side: a clause, or no separator at all.
  assert.equal(
    notesOfOneHead("I went to the shop — it was shut", "shop — now open Sundays"),
    false,
  );
  assert.equal(notesOfOneHead("phone: giffgaff £10/mo", "got a new phone, Smarty now"), false);
});
