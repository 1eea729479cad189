/**
 * Big Five scores turned into words a language model can act on.
 *
 * @module
 */
import type { PersonalityTraits, TraitName } from "../personas/mod.ts";

const PHRASES: Record<TraitName, { high: string; mid: string; low: string }> = {
  openness: {
    high: "imaginative and curious, drawn to new ideas and art",
    mid: "open to new ideas when they seem worthwhile",
    low: "practical and conventional, preferring the familiar",
  },
  conscientiousness: {
    high: "organized, careful and dependable",
    mid: "reasonably organized without being rigid",
    low: "spontaneous and easygoing about plans and details",
  },
  extraversion: {
    high: "outgoing, talkative and energized by company",
    mid: "sociable in good company but glad of quiet too",
    low: "reserved and quiet, preferring small talk to be short",
  },
  agreeableness: {
    high: "warm, kind and cooperative",
    mid: "friendly but willing to disagree",
    low: "blunt, skeptical and competitive",
  },
  neuroticism: {
    high: "easily worried, sensitive and moody",
    mid: "usually composed, though stress can show",
    low: "calm and emotionally steady",
  },
};

/** One phrase per trait: high at 0.7 and above, low at 0.3 and below, moderate between. */
export function describeTraits(traits: PersonalityTraits): string[] {
  return (Object.keys(PHRASES) as TraitName[]).map((name) => {
    const value = traits[name];
    const phrases = PHRASES[name];
    return value >= 0.7 ? phrases.high : value <= 0.3 ? phrases.low : phrases.mid;
  });
}
