import assert from "node:assert/strict";
import { changesFrom, changeStems } from "./change_words.ts";
import { terms } from "./text.ts";

Deno.test("a verb of change the older memory says too tells no change from it; an adverb always does", () => {
  assert.deepEqual(changeStems("I dropped my keys and gave up, now"), [
    {
      stems: ["drop"],
      object: "kei",
      toward: false,
      direct: "kei",
      subject: undefined,
      named: false,
      end: 9,
    },
    {
      stems: ["gave"],
      object: undefined,
      toward: false,
      direct: undefined,
      subject: undefined,
      named: false,
      end: 29,
    },
    {
      stems: [],
      object: undefined,
      toward: false,
      direct: undefined,
      subject: undefined,
      named: false,
      end: 34,
    },
  ]);
  const habit = "I am clumsy and often drop things.";
  const older = new Set(terms(habit));
  const told = changeStems(habit);
  assert.equal(changesFrom(changeStems("I dropped my keys down the drain."), older, told), false);
  assert.equal(changesFrom(changeStems("I dropped things in the kitchen."), older, told), false);
  assert.equal(changesFrom(changeStems("I quit dropping things."), older, told), true);
  assert.equal(changesFrom(changeStems("I'm fine now and drop nothing."), older, told), true);
});

Deno.test("a change the older memory told too, acting on what it names, is the next link of a chain", () => {
  const bike = "I sold my bike and drive a Volvo.";
  const car = new Set(terms(bike));
  assert.equal(
    changesFrom(changeStems("I sold the Volvo and drive a Tesla."), car, changeStems(bike)),
    true,
  );
  assert.equal(changesFrom(changeStems("I sold the Volvo."), car, changeStems(bike)), true);
  const fitLife = "I changed gyms to FitLife.";
  const gym = new Set(terms(fitLife));
  assert.equal(
    changesFrom(changeStems("I changed gyms to IronWorks."), gym, changeStems(fitLife)),
    true,
  );
  // Acting on something the older memory does not name: another such event.
  assert.equal(changesFrom(changeStems("I sold my old camera."), car, changeStems(bike)), false);
  assert.equal(
    changesFrom(changeStems("I changed my mind about FitLife."), gym, changeStems(fitLife)),
    false,
  );
  // The older memory names the thing but told no such change (a habit): no chain.
  const keys = "I am clumsy and often drop my keys.";
  assert.equal(
    changesFrom(
      changeStems("I dropped my keys down the drain."),
      new Set(terms(keys)),
      changeStems(keys),
    ),
    false,
  );
});

Deno.test("the speaker's own change to a new place is a new value of what it changed, another's is not", () => {
  const berlin = "I moved to Berlin for my studies.";
  const olderTerms = new Set(terms(berlin));
  assert.deepEqual(changeStems("I finally moved to Lisbon."), [
    {
      stems: ["move"],
      object: "lisbon",
      toward: true,
      direct: undefined,
      subject: "final",
      named: false,
      end: 15,
    },
  ]);
  assert.equal(
    changesFrom(changeStems("I moved to Lisbon."), olderTerms, changeStems(berlin)),
    true,
  );
  assert.equal(
    changesFrom(changeStems("We've moved into a flat in Porto."), olderTerms, changeStems(berlin)),
    true,
  );
  // Someone else's move, or a move that leads nowhere new, is another such event.
  const friend = "My best friend moved to Canada.";
  assert.equal(
    changesFrom(
      changeStems("My friend moved to a bigger flat in Leeds."),
      new Set(terms(friend)),
      changeStems(friend),
    ),
    false,
  );
  const phone = "I dropped my phone in the bath.";
  assert.equal(
    changesFrom(changeStems("I dropped a glass."), new Set(terms(phone)), changeStems(phone)),
    false,
  );
});

Deno.test("a change's subject behind a perfect's auxiliary, and past 'and' the clause's first word", () => {
  const [dropped] = changeStems("Rafael pulled a hamstring and has dropped out of the race.");
  assert.equal(dropped!.subject, "rafael");
  assert.equal(dropped!.named, true);
  assert.equal(changeStems("Ana had left the band.")[0]!.subject, "ana");
  // The passive's subject is what the change ended, no one it befalls.
  assert.equal(changeStems("The train to Leeds was cancelled.")[0]!.subject, undefined);
});
