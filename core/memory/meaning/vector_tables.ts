/**
 * The shipped word-vector table (`word_vectors.gen.json`, made by `gen_word_vectors.ts`) decoded
 * into typed arrays, once per process, for `WordVectors` (`word_vectors.ts`) to read.
 *
 * @module
 */
import { RowTable } from "./row_table.ts";
import { readShippedData } from "./shipped_data.ts";

/** The generated data (`word_vectors.gen.json`). */
interface WordVectorData {
  id: string;
  dimensions: number;
  commonComponent: number[];
  /** The mean raw word vector (all-but-the-top: subtracted before word-to-word cosines). */
  wordMean: number[];
  /** The top principal directions of the centred raw word vectors (projected out likewise). */
  wordDirections: number[][];
  /** Words, most frequent first, separated by spaces. */
  words: string;
  /** Each word's Porter stem, in the same order. */
  stems: string;
  /** Each word's frequency rank in the source (0 = most frequent), in the same order. */
  ranks: string;
  /** Base64 of one float32 scale per word. */
  scales: string;
  /** Base64 of 4-bit levels (value + 8), two dimensions per byte, low nibble first. */
  vectors: string;
}

/** `Uint8Array.fromBase64` where the runtime has it (V8 13.x does; 50x faster than `atob`). */
const fromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array })
  .fromBase64;

function decodeBase64(text: string): Uint8Array {
  if (fromBase64) return fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The id of the shipped table (part of the local embedder's id: a new table means a reindex). */
export const WORD_VECTOR_ID = "glove100-sif-q4-v1";

/** The generated data decoded: what every `WordVectors` (`word_vectors.ts`) of it shares. */
export interface VectorTables {
  /** The data's id ({@linkcode WORD_VECTOR_ID}). */
  id: string;
  /** Dimensions of each vector. */
  dimensions: number;
  /** Each word's row. */
  rows: RowTable;
  /** Each stem's row: its most frequent word's. */
  rowsByStem: RowTable;
  /** One scale per row. */
  scales: Float32Array;
  /** 4-bit levels, two dimensions per byte, low nibble first. */
  packed: Uint8Array;
  /** SIF's common component. */
  component: Float32Array;
  /** Each row's frequency rank in the source (0 = most frequent). */
  ranks: Uint32Array;
  /** The mean raw word vector. */
  wordMean: Float32Array;
  /** The top principal directions of the centred raw word vectors. */
  wordDirections: Float32Array[];
}

/** The encoded fields of the data, emptied once decoded. */
const ENCODED_FIELDS = ["words", "stems", "ranks", "scales", "vectors"] as const;

/** Decodes `data` (a loop, not `Uint32Array.from(list, Number)`: that took ~100 ms for 67k ranks). */
function decodeTables(data: WordVectorData): VectorTables {
  if (data.id !== WORD_VECTOR_ID) {
    throw new Error(`word_vectors.gen.json is "${data.id}", expected "${WORD_VECTOR_ID}"`);
  }
  const scaleBytes = decodeBase64(data.scales);
  const rankTexts = data.ranks.split(" ");
  const ranks = new Uint32Array(rankTexts.length);
  for (let i = 0; i < rankTexts.length; i++) ranks[i] = Number(rankTexts[i]);
  return {
    id: data.id,
    dimensions: data.dimensions,
    rows: new RowTable(data.words, " ", "last"),
    // Words come most frequent first: a stem stands for its most frequent form.
    rowsByStem: new RowTable(data.stems, " ", "first"),
    scales: new Float32Array(scaleBytes.buffer, scaleBytes.byteOffset, scaleBytes.length / 4),
    packed: decodeBase64(data.vectors),
    component: Float32Array.from(data.commonComponent),
    ranks,
    wordMean: Float32Array.from(data.wordMean),
    wordDirections: data.wordDirections.map((direction) => Float32Array.from(direction)),
  };
}
let shippedTablesOnce: Promise<VectorTables> | undefined;

/**
 * The shipped table decoded, once per process (read from its file: `shipped_data.ts`). A bundle's
 * data stays loaded for the life of the process as a JSON module, so its encoded copies (the
 * base64 vectors alone 4.5 MB of heap, beside their decoded 3.4 MB) are emptied once decoded:
 * see core/memory/README.md, "Memory of a server".
 */
export function shippedTables(): Promise<VectorTables> {
  shippedTablesOnce ??= readShippedData("word_vectors.gen.json")
    .then((read) => {
      const data = read as WordVectorData;
      const tables = decodeTables(data);
      for (const field of ENCODED_FIELDS) data[field] = "";
      return tables;
    }, (error) => {
      // Forgotten, so that the next call reads again (a failed read is not for life).
      shippedTablesOnce = undefined;
      throw error;
    });
  return shippedTablesOnce;
}
