/**
 * The line banks of the scripted model: sentence templates by tone and response type, openers by
 * the speaker's most marked trait, and topic details. `{topic}`, `{detail}` and `{other}` are
 * filled in by the model. Positive and negative lines carry words the engine's sentiment lists
 * know, so the tone of a scripted line really moves quality, mood and relationships.
 *
 * @module
 */
import type { PersonalityTraits } from "../personas/mod.ts";

/** The feeling a line carries. */
export type Tone = "positive" | "neutral" | "negative";

/** Openers of a full answer, by the speaker's most marked trait. */
export const OPENERS: Record<keyof PersonalityTraits, string[]> = {
  openness: [
    "Imagine this for a moment:",
    "Here is a strange thought:",
    "I keep wondering about something:",
  ],
  conscientiousness: [
    "Let me be precise about this.",
    "I have checked this twice.",
    "If we look at it carefully,",
  ],
  extraversion: ["Oh, listen to this!", "Ha, you will like this one!", "Come closer, everyone!"],
  agreeableness: ["I hope you don't mind me saying,", "If I may add something,", "Gently now,"],
  neuroticism: ["I am not sure I should say this, but", "Forgive me, I worry that", "Honestly,"],
};

/** The body of a full answer, by tone. */
export const FULL: Record<Tone, string[]> = {
  positive: [
    "I love how {topic} always brings out {detail}; it is wonderful to talk about it with friends like you.",
    "{detail} is exactly why {topic} fascinates me, and I enjoy hearing how you see it.",
    "Talking about {topic} here is a delight; {detail} still makes me happy every time I think of it.",
    "I agree, and {detail} makes {topic} more interesting than most people think.",
  ],
  neutral: [
    "When it comes to {topic}, {detail} is the part I keep coming back to.",
    "Some say {detail} is all there is to {topic}; I suspect there is more underneath.",
    "I heard a different account of {topic} last week, about {detail}.",
    "With {topic} it depends on whom you ask; {detail} comes up either way.",
  ],
  negative: [
    "I disagree; {detail} is the boring part of {topic}, and most of what people say about it is nonsense.",
    "Frankly, {topic} makes me tired; {detail} sounds wrong to me.",
    "I find {topic} dull, and {detail} does not make it better.",
    "That is a terrible way to put it; {detail} is not what {topic} is about.",
  ],
};

/** The low-interest remarks added when the speaker cares little for the topic. */
export const LUKEWARM = [
  "Still, {topic} is not really my favourite subject.",
  "Though I could talk about something else just as well.",
];

/** The keen remarks added when the speaker cares a lot for the topic. */
export const KEEN = [
  "I could go on about {topic} all evening.",
  "There is so much more to say about {topic}.",
];

/** Questions that hand the word to another participant (the engine lets the named one answer). */
export const QUESTIONS = [
  "What do you think, {other}?",
  "{other}, have you seen anything like it?",
  "Tell me, {other}, do you agree?",
];

/** Short answers that begin to wrap up, by tone. */
export const SHORT: Record<Tone, string[]> = {
  positive: [
    "That is a lovely thought about {topic}; I should not keep you much longer, though.",
    "Good point, and thank you; I will have to think about {topic} on my own now.",
  ],
  neutral: [
    "Perhaps, though I am running out of things to say about {topic}.",
    "Maybe so; let us not wear {topic} out completely.",
  ],
  negative: [
    "I am tired of {topic}, to be honest.",
    "Let us leave {topic} be; this is getting dull.",
  ],
};

/** Closing lines, by tone. */
export const CLOSING: Record<Tone, string[]> = {
  positive: [
    "Thank you, this was lovely; until next time!",
    "What a good talk; I am glad we met. Farewell for now.",
  ],
  neutral: [
    "I should be going now. Take care.",
    "I will stop there for today. Goodbye.",
  ],
  negative: [
    "I have had enough of this; I will leave you to it.",
    "This is going nowhere; goodbye.",
  ],
};

const DETAILS: Record<string, string[]> = {
  gossip: ["the innkeeper's secret", "who danced with the miller's son", "the stranger's ring"],
  travel: ["the mountain pass in winter", "the markets of the southern ports", "a long road"],
  magic: ["the old runes under the bridge", "the theory of binding spells", "starlight bottled"],
  stories: [
    "the tale of the drowned bell",
    "a ballad with a bitter ending",
    "the fox and the king",
  ],
  local_news: ["the new toll on the bridge", "the harvest fair", "the broken mill wheel"],
  music: ["a fiddle tune from the north", "the harpist's new song", "an old drinking song"],
  research: ["a footnote in an old treatise", "the archive's missing pages", "a careful test"],
  history: ["the fall of the old keep", "the first charter of the town", "a forgotten war"],
};

const GENERIC_DETAILS = ["the small details", "what happened last spring", "the old stories"];

/** Detail phrases for `topic` (generic ones for topics without a bank). */
export function detailsFor(topic: string | null): string[] {
  return (topic ? DETAILS[topic] : undefined) ?? GENERIC_DETAILS;
}
