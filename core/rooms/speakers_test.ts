import assert from "node:assert/strict";
import type { ContinueScore } from "../dialogue/continue_score.ts";
import {
  nextInRound,
  type RoomCandidate,
  type Round,
  type RoundRules,
  talkativenessOf,
} from "./speakers.ts";

function member(name: string, fields: Partial<RoomCandidate> = {}): RoomCandidate {
  return {
    id: name.toLowerCase(),
    name,
    extraversion: 0.5,
    talkativeness: 0.5,
    mood: 0,
    socialEnergy: 80,
    fatigue: 0,
    turnsSinceSpoke: 1000,
    ...fields,
  };
}

const trio = [
  member("Aria", { extraversion: 0.9 }),
  member("Kira", { extraversion: 0.2 }),
  member("Bram"),
];

function score(value: number, cap: ContinueScore["cap"] = null): (turns: number) => ContinueScore {
  return () => ({
    score: value,
    cap,
    reasons: [],
    factors: { time: 0, topic: 0, social: 0, energy: 0, fatigue: 0, budget: 0, repetition: 0 },
  });
}

const natural: RoundRules = { mode: "natural", maxReplies: 3, highScore: 60 };

function next(round: Round, rules = natural, scoreOf = score(0), members = trio) {
  const choice = nextInRound(members, round, { rules, score: scoreOf });
  return choice && [choice.speaker.name, choice.reason];
}

Deno.test("the member the user names answers first, in the order named", () => {
  assert.deepEqual(next({ userMessage: "Kira, what do you think?", replies: [] }), [
    "Kira",
    "mentioned",
  ]);
  assert.deepEqual(
    next({ userMessage: "Bram and Kira?", replies: [{ speakerId: "bram", content: "Hm." }] }),
    ["Kira", "mentioned"],
    "the second name answers after the first",
  );
});

Deno.test("the member the user names by a look-alike of its name answers first", () => {
  for (const kira of ["\uff2b\uff49\uff52\uff41", "K\u0456ra", "\u041aira"]) {
    assert.deepEqual(next({ userMessage: `${kira}, what do you think?`, replies: [] }), [
      "Kira",
      "mentioned",
    ], kira);
  }
  assert.deepEqual(
    next({ userMessage: "Kiran, what do you think?", replies: [] }),
    ["Aria", "most_willing"],
    "a similar name is nobody",
  );
});

Deno.test("with nobody named, the most willing answers; a name in a reply passes the word", () => {
  assert.deepEqual(next({ userMessage: "Hello all", replies: [] }), ["Aria", "most_willing"]);
  assert.deepEqual(
    next({
      userMessage: "Hello all",
      replies: [{ speakerId: "aria", content: "Bram, tell them!" }],
    }),
    ["Bram", "mentioned"],
  );
});

Deno.test("an unprompted further reply needs the continue score plus talkativeness at CONTINUE_HIGH", () => {
  const round = { userMessage: "Hello all", replies: [{ speakerId: "aria", content: "Hi!" }] };
  assert.equal(next(round, natural, score(55)), null, "below the mark: the round ends");
  assert.deepEqual(next(round, natural, score(65)), ["Bram", "continues"]);
  assert.equal(next(round, natural, score(90, "turn_limit")), null, "a hard cap ends it");
  const chatty = [member("Aria"), member("Kira", { talkativeness: 1 })];
  const choice = nextInRound(chatty, round, { rules: natural, score: score(52) });
  assert.equal(choice?.speaker.name, "Kira", "talkativeness 1 adds 10 points");
});

Deno.test("nobody speaks twice in a row unless alone, and alone answers once per round", () => {
  const round = {
    userMessage: "Aria?",
    replies: [{ speakerId: "aria", content: "Aria here, Aria!" }],
  };
  assert.notEqual(next(round, natural, score(100))?.[0], "Aria");
  const alone = [member("Solo")];
  const first = nextInRound(alone, { userMessage: "hi", replies: [] }, {
    rules: natural,
    score: score(100),
  });
  assert.equal(first?.reason, "alone");
  const again = nextInRound(alone, {
    userMessage: "hi",
    replies: [{ speakerId: "solo", content: "x" }],
  }, {
    rules: natural,
    score: score(100),
  });
  assert.equal(again, null);
});

Deno.test("a member left alone mid-round that has not answered still answers by the mode's rules", () => {
  const everyone: RoundRules = { mode: "everyone", maxReplies: 8, highScore: 60 };
  // Aria answered, then left: Kira, alone now, has not answered yet.
  const round = { userMessage: "hi", replies: [{ speakerId: "aria", content: "x" }] };
  const kira = [member("Kira")];
  assert.deepEqual(next(round, everyone, score(0), kira), ["Kira", "everyone"]);
  assert.deepEqual(next(round, natural, score(100), kira), ["Kira", "continues"]);
  assert.equal(next(round, natural, score(0), kira), null);
  const answered = { ...round, replies: [...round.replies, { speakerId: "kira", content: "y" }] };
  assert.equal(next(answered, everyone, score(100), kira), null);
});

Deno.test("everyone mode: each member answers once, the named first; max replies caps any round", () => {
  const everyone: RoundRules = { mode: "everyone", maxReplies: 8, highScore: 60 };
  const order: string[] = [];
  const replies: Array<{ speakerId: string; content: string }> = [];
  for (;;) {
    const choice = nextInRound(trio, { userMessage: "Bram first", replies }, {
      rules: everyone,
      score: score(0),
    });
    if (!choice) break;
    order.push(choice.speaker.name);
    replies.push({ speakerId: choice.speaker.id, content: "ok" });
  }
  assert.deepEqual(order, ["Bram", "Aria", "Kira"]);
  const capped = { userMessage: "x", replies: [{ speakerId: "aria", content: "" }] };
  assert.equal(next(capped, { ...natural, maxReplies: 1 }, score(100)), null);
});

Deno.test("talkativeness is read from the card's extensions, SillyTavern's text form included", () => {
  assert.equal(talkativenessOf({ talkativeness: "0.8" }), 0.8);
  assert.equal(talkativenessOf({ talkativeness: 0.3 }), 0.3);
  assert.equal(talkativenessOf({ talkativeness: "loud" }), 0.5);
  assert.equal(talkativenessOf({ talkativeness: 7 }), 1);
  assert.equal(talkativenessOf({}), 0.5);
});

Deno.test("the talkativeness bonus is 20·(t − ½), and reaching the mark exactly is enough", () => {
  const round = { userMessage: "Hello all", replies: [{ speakerId: "aria", content: "Hi!" }] };
  const pair = (talkativeness: number) => [member("Aria"), member("Kira", { talkativeness })];
  const who = (talkativeness: number, value: number) =>
    nextInRound(pair(talkativeness), round, { rules: natural, score: score(value) })?.speaker.name;
  assert.equal(who(1, 50), "Kira", "50 + 10 = 60: at the mark");
  assert.equal(who(1, 49), undefined, "49 + 10 = 59: below");
  assert.equal(who(0, 70), "Kira", "70 − 10 = 60");
  assert.equal(who(0, 69), undefined);
  assert.equal(who(0.5, 60), "Kira", "no bonus at ½");
});

Deno.test("willingness averages extraversion with talkativeness; ties go to the first member", () => {
  const round = { userMessage: "Hello all", replies: [] };
  const quiet = member("Aria", { talkativeness: 0 });
  const chatty = member("Kira", { talkativeness: 1 });
  assert.deepEqual(next(round, natural, score(0), [quiet, chatty]), ["Kira", "most_willing"]);
  const twins = [member("Aria"), member("Kira")];
  assert.deepEqual(next(round, natural, score(0), twins), ["Aria", "most_willing"]);
});

Deno.test("talkativeness below 0 reads as 0", () => {
  assert.equal(talkativenessOf({ talkativeness: -3 }), 0);
  assert.equal(talkativenessOf({ talkativeness: "-0.5" }), 0);
});
