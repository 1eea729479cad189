/**
 * Test support: a SillyTavern World Info export (`worlds/<name>.json`) laid out field for field
 * as SillyTavern writes it, entries keyed by uid in its own field names. The text is written for
 * these tests.
 *
 * @module
 */
/** SillyTavern's World Info entry defaults (its `newWorldInfoEntryTemplate` fields). */
function stEntry(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    key: [],
    keysecondary: [],
    comment: "",
    content: "",
    constant: false,
    vectorized: false,
    selective: true,
    selectiveLogic: 0,
    addMemo: true,
    order: 100,
    position: 0,
    disable: false,
    ignoreBudget: false,
    excludeRecursion: false,
    preventRecursion: false,
    matchPersonaDescription: false,
    matchCharacterDescription: false,
    matchCharacterPersonality: false,
    matchCharacterDepthPrompt: false,
    matchScenario: false,
    matchCreatorNotes: false,
    delayUntilRecursion: false,
    probability: 100,
    useProbability: true,
    depth: 4,
    outletName: "",
    group: "",
    groupOverride: false,
    groupWeight: 100,
    scanDepth: null,
    caseSensitive: null,
    matchWholeWords: null,
    useGroupScoring: null,
    automationId: "",
    role: null,
    sticky: 0,
    cooldown: 0,
    delay: 0,
    triggers: [],
    characterFilter: { isExclude: false, names: [], tags: [] },
    ...fields,
  };
}

/**
 * A SillyTavern World Info export (`worlds/Aldmoor.json`): `entries` is an object keyed by uid
 * (with gaps, as after deletions), each entry in SillyTavern's own field names.
 */
export function sillyTavernWorld(): Record<string, unknown> {
  const entries: Record<string, unknown> = {
    "0": stEntry({
      uid: 0,
      displayIndex: 0,
      key: ["Aldmoor", "the city"],
      comment: "Aldmoor",
      content: "Aldmoor is a rain-soaked river city of bridges and bells.",
      order: 100,
    }),
    "1": stEntry({
      uid: 1,
      displayIndex: 1,
      key: ["bell tower"],
      keysecondary: ["midnight", "thirteen"],
      selectiveLogic: 3,
      comment: "The thirteenth bell",
      content: "At midnight the bell tower rings thirteen times.",
      position: 4,
      depth: 2,
      role: 1,
      order: 50,
      group: "bells",
    }),
    "2": stEntry({
      uid: 2,
      displayIndex: 2,
      key: ["smuggler"],
      keysecondary: ["guard"],
      selectiveLogic: 2,
      comment: "Smugglers (not near guards)",
      content: "Smugglers use the flooded catacombs under the Fish Market.",
      position: 1,
      order: 120,
      probability: 60,
      useProbability: true,
    }),
    "5": stEntry({
      uid: 5,
      displayIndex: 3,
      key: ["Weather"],
      comment: "Always raining",
      content: "It is always raining in Aldmoor.",
      constant: true,
      order: 10,
      caseSensitive: true,
      matchWholeWords: true,
    }),
    "7": stEntry({
      uid: 7,
      displayIndex: 4,
      key: ["/\\bduel(s|ist)?\\b/i"],
      comment: "Duels (regex key)",
      content: "Duels are fought on the Iron Bridge at dawn.",
      disable: true,
      order: 90,
      ignoreBudget: true,
      outletName: "duels",
    }),
  };
  return {
    entries,
    originalData: { name: "Aldmoor", entries: [] },
  };
}
