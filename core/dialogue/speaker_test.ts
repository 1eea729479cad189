import assert from "node:assert/strict";
import { type Candidate, chooseSpeaker } from "./speaker.ts";
import { cleanUtterance, mentions, overlap, sentiment } from "./utterance.ts";

const people: Candidate[] = [
  {
    id: "a",
    name: "Aria",
    extraversion: 0.9,
    mood: 0.5,
    socialEnergy: 90,
    fatigue: 0,
    turnsSinceSpoke: 1000,
  },
  {
    id: "k",
    name: "Kira",
    extraversion: 0.3,
    mood: 0,
    socialEnergy: 80,
    fatigue: 10,
    turnsSinceSpoke: 1000,
  },
  {
    id: "b",
    name: "Bram",
    extraversion: 0.6,
    mood: 0.2,
    socialEnergy: 70,
    fatigue: 5,
    turnsSinceSpoke: 1000,
  },
];

Deno.test("the most willing speaks first; nobody speaks twice in a row", () => {
  assert.equal(chooseSpeaker(people, null).speaker.name, "Aria");
  const next = chooseSpeaker(people, { speakerId: "a", content: "Hello all." });
  assert.notEqual(next.speaker.id, "a");
  assert.equal(next.reason, "most_willing");
});

Deno.test("a mentioned persona speaks next, the first mention winning", () => {
  const choice = chooseSpeaker(people, { speakerId: "a", content: "What say you, kira? Or Bram?" });
  assert.equal(choice.speaker.name, "Kira");
  assert.equal(choice.reason, "mentioned");
  const self = chooseSpeaker(people, { speakerId: "a", content: "As Aria, I say Bram knows." });
  assert.equal(self.speaker.name, "Bram", "the speaker mentioning itself does not count");
});

Deno.test("a persona mentioned by a look-alike of its name speaks next", () => {
  for (const kira of ["\uff4b\uff49\uff52\uff41", "K\u0456ra", "\u041aIRA"]) {
    const choice = chooseSpeaker(people, { speakerId: "a", content: `${kira}, you. Not Bram.` });
    assert.deepEqual([choice.speaker.name, choice.reason], ["Kira", "mentioned"], kira);
  }
  const similar = chooseSpeaker(people, { speakerId: "a", content: "Kiran, you. Not Bram." });
  assert.equal(similar.speaker.name, "Bram", "a similar name is no mention");
});

Deno.test("fairness lifts those who have not spoken for a while", () => {
  const twin = { extraversion: 0.5, mood: 0, socialEnergy: 80, fatigue: 0 };
  const group = (kiraWaited: number, bramWaited: number): Candidate[] => [
    { ...twin, id: "a", name: "Aria", turnsSinceSpoke: 0 },
    { ...twin, id: "k", name: "Kira", turnsSinceSpoke: kiraWaited },
    { ...twin, id: "b", name: "Bram", turnsSinceSpoke: bramWaited },
  ];
  const next = (list: Candidate[]) =>
    chooseSpeaker(list, { speakerId: "a", content: "" }).speaker.name;
  assert.equal(next(group(3, 1)), "Kira", "Kira waited longer");
  assert.equal(next(group(1, 3)), "Bram", "Bram waited longer");
});

Deno.test("utterances lose a leading name label and lines spoken for others", () => {
  assert.equal(cleanUtterance("Aria: Hello there!", "Aria", ["Kira"]), "Hello there!");
  assert.equal(
    cleanUtterance("**Aria:** Hi.\nKira: I would answer like this.", "Aria", ["Kira"]),
    "Hi.",
  );
  assert.equal(
    cleanUtterance("Kira: only this", "Aria", ["Kira"]),
    "Kira: only this",
    "never empty",
  );
  assert.deepEqual(mentions("bram and KIRA", ["Kira", "Bram", "Aria"]), ["Bram", "Kira"]);
  assert.deepEqual(mentions("Kiran is not Kira's name", ["Kira"]), ["Kira"]);
});

Deno.test("sentiment and overlap are bounded and sensible", () => {
  assert.equal(sentiment("I love this, wonderful!"), 1);
  assert.equal(sentiment("I hate this nonsense"), -1);
  assert.equal(sentiment("the sky"), 0);
  assert.equal(overlap("the magic spell glows", "the magic spell glows"), 1);
  assert.equal(overlap("magic spell", "ocean waves"), 0);
});
