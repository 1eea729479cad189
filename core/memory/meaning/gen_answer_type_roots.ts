/**
 * The answer types `gen_answer_types.ts` (`deno task gen:types`) writes, each with its WordNet
 * roots: the table the generator walks down from, apart from its rules. Read only by the
 * generator; the analyser reads `answer_types.gen.json`.
 *
 * @module
 */

/** Each type's roots: noun senses as `lemma#n` (n-th most frequent sense of the lemma). */
export const TYPE_ROOTS: Readonly<Record<string, readonly string[]>> = {
  // People by their work: workers, professionals, experts, makers, performers, defenders
  // ("fireman"), officials, officers, business people, scientists, engineers, writers.
  occupation: [
    "worker#1",
    "professional#1",
    "expert#1",
    "creator#2",
    "engineer#1",
    "scientist#1",
    "businessperson#1",
    "financier#1",
    "entertainer#1",
    "defender#1",
    "lawman#1",
    "administrator#1",
    "official#1",
    "serviceman#1",
    "military_officer#1",
    "clergyman#1",
    "writer#1",
  ],
  // Illnesses, disorders, injuries, symptoms, treatments and operations, drugs, body parts.
  health: [
    "ill_health#1",
    "disorder#1",
    "pathological_state#1",
    "injury#1",
    "symptom#1",
    "pain#1",
    "disability#1",
    "hypersensitivity#1",
    "medical_procedure#1",
    "medicine#2",
    "body_part#1",
  ],
  animal: ["animal#1"],
  food: ["food#1", "food#2", "beverage#1", "dish#2", "meal#1", "edible_fruit#1", "vegetable#1"],
  vehicle: ["vehicle#1", "conveyance#3"],
  instrument: ["musical_instrument#1"],
  sport: ["sport#1"],
  language: ["language#1"],
};
