import assert from "node:assert/strict";
import { MENTION_SHARE, nameHold, toldShare } from "./name_subject.ts";

Deno.test("nameHold: a name opening a clause is what the line is about, as subject or owner", () => {
  assert.equal(nameHold("Kav's birthday is 4 December", ["kav"]), "about");
  assert.equal(nameHold("Kav comes the second Sunday of the month", ["kav"]), "about");
  assert.equal(nameHold("we argued. Kav left early", ["kav"]), "about");
  // A reported line opens after its colon; a line break opens one too.
  assert.equal(nameHold("Theo said: Elsie calls me Uncle Tayo", ["elsi"]), "about");
  assert.equal(nameHold("quick note\nKav rang", ["kav"]), "about");
});

Deno.test("nameHold: a name introduced by apposition, a full name or an alias in brackets is what the line is about", () => {
  assert.equal(nameHold("my sister Kavita lives in Didsbury", ["kavita"]), "about");
  assert.equal(
    nameHold("Maja lives in Bristol with their little girl Elsie, who's four", ["elsi"]),
    "about",
  );
  assert.equal(nameHold("I told them about our son, Hayden", ["hayden"]), "about");
  assert.equal(nameHold("we saw cousin Sam at the wedding", ["sam"]), "about");
  assert.equal(nameHold("the spare key is with Bernie Walsh at 14", ["berni"]), "about");
  assert.equal(nameHold("ask Kavita (Kav) first", ["kavita"]), "about");
  assert.equal(nameHold("ask my sister's friend (Kav) first", ["kav"]), "about");
});

Deno.test("nameHold: a name only elsewhere is a mention in passing; clippings count as the name", () => {
  assert.equal(nameHold("me and Kav are both Dad's attorneys", ["kav"]), "mention");
  assert.equal(nameHold("Maja's due date with Elsie was Christmas Eve", ["elsi"]), "mention");
  assert.equal(nameHold("buy a card for Bernie's son, he's 60", ["berni"]), "mention");
  assert.equal(
    nameHold("Juno replied: How lovely! Will Maja and Elsie be there too?", ["elsi"]),
    "mention",
  );
  assert.equal(nameHold("the bills go to Kavita", ["kav"]), "mention");
  assert.equal(nameHold("Pri said so", ["priya"]), "about");
  assert.equal(nameHold("Steve fixed Kav's car", ["kavita"]), "mention");
  // Not the name, nor a name it clips or that clips it: none; lower case is no name.
  assert.equal(nameHold("Kevin fixed the car", ["kav"]), "none");
  assert.equal(nameHold("kav fixed the car", ["kav"]), "none");
  assert.equal(nameHold("", ["kav"]), "none");
});

Deno.test("nameHold: a context cut short is no text's start", () => {
  // More than the context's reach of blanks before the name: no clause opens there.
  assert.equal(nameHold(`went with${" ".repeat(60)}Kav`, ["kav"]), "mention");
  assert.equal(nameHold(`${" ".repeat(60)}Kav`, ["kav"]), "about");
});

Deno.test("toldShare: all of the told content about the name, MENTION_SHARE in passing, none without it", () => {
  assert.equal(MENTION_SHARE, 0.5);
  assert.equal(toldShare("Kav's birthday is 4 December", ["kav"]), 1);
  assert.equal(toldShare("me and Kav are both attorneys", ["kav"]), 0.5);
  assert.equal(toldShare("Maja had the baby, a boy, Arvid", ["elsi"]), 0);
});

Deno.test("nameHold reads a long text of capitalised words in linear work", () => {
  const text = "Kav and ".repeat(1) + "Mo and ".repeat(100_000) + "Kav";
  assert.equal(nameHold(text, ["kav"]), "about");
  const mentions = "me and Kav and ".repeat(20_000);
  assert.equal(nameHold(mentions, ["kav"]), "mention");
});
