/**
 * Test support: a word list for the analyser's stemmer (`text_test.ts` compares it with FTS5's
 * tokens; `analyser_digest_test.ts` pins the analyser's reading of it to its version).
 *
 * @module
 */

/** A word list with every suffix the Porter steps handle, plus accents and odd shapes. */
export const PORTER_WORDS: readonly string[] = (
  "caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled " +
  "sized hopping tanned falling hissing fizzed failing filing happy sky relational conditional " +
  "rational valenci hesitanci digitizer conformabli radicalli differentli vileli analogousli " +
  "vietnamization predication operator feudalism decisiveness hopefulness callousness formaliti " +
  "sensitiviti sensibiliti triplicate formative formalize electriciti electrical hopeful goodness " +
  "revival allowance inference airliner gyroscopic adjustable defensible irritant replacement " +
  "adjustment dependent adoption homologou communism activate angulariti homologous effective " +
  "bowdlerize probate rate cease controll roll generalizations oscillators yelling yelled eyes " +
  "graduation graduated retirement savings obsession donations deliveries delivering fought " +
  "bought children's biology apologies dying lying tying skiing agreeing seeing fleeing " +
  "crying flying played enjoying enjoyed says years syzygy rhythm yttrium ayes boyish " +
  "café naïve élan Zürich Ærø façade résumé coöperate jalapeño Ångström Dvořák " +
  "running swimming dinosaurs physicists aeroplanes photographs photography photographic " +
  "international nationalities organisation organizational hospitalization conditionally " +
  "meditate meditation meditating vegetarian vegetarians marathon marathons headaches"
).split(" ");
