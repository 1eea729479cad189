/**
 * Experiment support (issue 9): USE distilled into the local embedder's inputs. A sentence's
 * features are its SIF GloVe vector (the local embedder's) beside the SIF-weighted mean of its
 * words' USE vectors (each word embedded alone, `use_vectors.ts words`); a ridge regression
 * on WordNet sentences (`use_vectors.ts corpus`) maps them to the sentences' USE vectors
 * (centred), and the metric that map induces, cut to its top `k` directions, gives the
 * distilled sentence vector. Everything up to the final length is linear in the words, so the
 * same vectors could ship as one table of `k` floats per word, as cheap as today's.
 *
 * @module
 */
import type { WordVectors } from "../../../../core/memory/meaning/word_vectors.ts";
import { isContentWord, stem, words as wordsOf } from "../../../../core/memory/text.ts";
import { USE_DIMENSIONS, vocabulary } from "./use_vectors.ts";

/** Scales `vector` to unit length in place and returns it (zeros stay zeros). */
export function unit(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  if (norm > 0) { for (let i = 0; i < vector.length; i++) vector[i]! /= norm; }
  return vector;
}

/** Cosine of two vectors of equal length. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(aa * bb);
}

/** USE vectors of single words, less the mean of the 20,000 most frequent (unit length). */
export class UseWords {
  readonly #raw: Float32Array;
  readonly #rows = new Map<string, number>();
  readonly #rowsByStem = new Map<string, number>();
  readonly #mean = new Float32Array(USE_DIMENSIONS);

  constructor(dir: string) {
    this.#raw = new Float32Array(Deno.readFileSync(`${dir}/words.f32`).buffer);
    const words = vocabulary();
    const count = Math.min(words.length, this.#raw.length / USE_DIMENSIONS);
    for (let row = 0; row < count; row++) {
      this.#rows.set(words[row]!, row);
      if (!this.#rowsByStem.has(stem(words[row]!))) this.#rowsByStem.set(stem(words[row]!), row);
    }
    const frequent = Math.min(count, 20_000);
    for (let row = 0; row < frequent; row++) {
      for (let d = 0; d < USE_DIMENSIONS; d++) {
        this.#mean[d]! += this.#raw[row * USE_DIMENSIONS + d]! / frequent;
      }
    }
  }

  /** The word's centred unit vector (else its stem's most frequent word's), or undefined. */
  vector(word: string): Float32Array | undefined {
    const row = this.#rows.get(word) ?? this.#rowsByStem.get(stem(word));
    if (row === undefined) return undefined;
    const vector = this.#raw.slice(row * USE_DIMENSIONS, (row + 1) * USE_DIMENSIONS);
    for (let d = 0; d < USE_DIMENSIONS; d++) vector[d]! -= this.#mean[d]!;
    return unit(vector);
  }
}

/**
 * A text's features: its SIF GloVe vector (`sif`, else the shipped table's) beside the
 * SIF-weighted mean of its content words' USE vectors, each part at unit length.
 */
export function features(
  text: string,
  tables: { glove: WordVectors; use: UseWords },
  options: { factorOf?: (word: string) => number; sif?: Float32Array } = {},
): Float32Array {
  const glove = options.sif ?? tables.glove.sentence(text, options.factorOf);
  const mean = new Float32Array(USE_DIMENSIONS);
  for (const word of wordsOf(text)) {
    const vector = isContentWord(word) ? tables.use.vector(word) : undefined;
    if (!vector) continue;
    const weight = tables.glove.informativeness(word) * (options.factorOf?.(word) ?? 1);
    for (let d = 0; d < USE_DIMENSIONS; d++) mean[d]! += weight * vector[d]!;
  }
  const out = new Float32Array(glove.length + USE_DIMENSIONS);
  out.set(glove);
  out.set(unit(mean), glove.length);
  return out;
}

/** Solves the symmetric eigenproblem of `matrix` (cyclic Jacobi): values and column vectors. */
function eigen(matrix: Float64Array[]): { values: number[]; vectors: Float64Array[] } {
  const n = matrix.length;
  const a = matrix.map((row) => Float64Array.from(row));
  const v = Array.from(
    { length: n },
    (_, i) => Float64Array.from({ length: n }, (_, j) => +(i === j)),
  );
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-15) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const [kp, kq] = [a[k]![p]!, a[k]![q]!];
          a[k]![p] = c * kp - s * kq;
          a[k]![q] = s * kp + c * kq;
        }
        for (let k = 0; k < n; k++) {
          const [pk, qk] = [a[p]![k]!, a[q]![k]!];
          a[p]![k] = c * pk - s * qk;
          a[q]![k] = s * pk + c * qk;
        }
        for (let k = 0; k < n; k++) {
          const [kp, kq] = [v[k]![p]!, v[k]![q]!];
          v[k]![p] = c * kp - s * kq;
          v[k]![q] = s * kp + c * kq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]!), vectors: v };
}

/** Inverts a symmetric positive definite matrix (Gauss-Jordan with pivoting). */
function invert(matrix: Float64Array[]): Float64Array[] {
  const n = matrix.length;
  const m = matrix.map((row) => Float64Array.from(row));
  const inv = Array.from(
    { length: n },
    (_, i) => Float64Array.from({ length: n }, (_, j) => +(i === j)),
  );
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p], inv[c], inv[p]] = [m[p]!, m[c]!, inv[p]!, inv[c]!];
    const pivot = m[c]![c]!;
    for (let k = 0; k < n; k++) {
      m[c]![k]! /= pivot;
      inv[c]![k]! /= pivot;
    }
    for (let r = 0; r < n; r++) {
      const factor = r === c ? 0 : m[r]![c]!;
      if (factor === 0) continue;
      for (let k = 0; k < n; k++) {
        m[r]![k]! -= factor * m[c]![k]!;
        inv[r]![k]! -= factor * inv[c]![k]!;
      }
    }
  }
  return inv;
}

/**
 * The distilled map (`k` rows of the features' length): ridge regression W of the centred USE
 * vectors `targets` on `inputs` (penalty `lambda`), then the square root of the metric WᵀW
 * along its top `k` eigenvectors, so cos(map·x, map·x') ≈ cos(W·x, W·x').
 */
export function fitMap(
  inputs: readonly Float32Array[],
  targets: readonly Float32Array[],
  options: { lambda: number; k: number },
): Float64Array[] {
  const dims = inputs[0]!.length;
  const mean = new Float64Array(USE_DIMENSIONS);
  for (const target of targets) {
    for (let u = 0; u < USE_DIMENSIONS; u++) mean[u]! += target[u]! / targets.length;
  }
  const xtx = Array.from({ length: dims }, () => new Float64Array(dims));
  const ytx = Array.from({ length: USE_DIMENSIONS }, () => new Float64Array(dims));
  inputs.forEach((x, i) => {
    for (let a = 0; a < dims; a++) for (let b = 0; b < dims; b++) xtx[a]![b]! += x[a]! * x[b]!;
    for (let u = 0; u < USE_DIMENSIONS; u++) {
      const y = targets[i]![u]! - mean[u]!;
      for (let b = 0; b < dims; b++) ytx[u]![b]! += y * x[b]!;
    }
  });
  for (let a = 0; a < dims; a++) xtx[a]![a]! += options.lambda;
  const inverse = invert(xtx);
  const w = ytx.map((row) =>
    Float64Array.from(
      { length: dims },
      (_, b) => row.reduce((sum, value, k) => sum + value * inverse[k]![b]!, 0),
    )
  );
  const metric = Array.from(
    { length: dims },
    (_, a) =>
      Float64Array.from(
        { length: dims },
        (_, b) => w.reduce((sum, row) => sum + row[a]! * row[b]!, 0),
      ),
  );
  const { values, vectors } = eigen(metric);
  return values.map((value, i) => [value, i] as const).sort((x, y) => y[0] - x[0]).slice(
    0,
    options.k,
  )
    .map(([value, i]) =>
      Float64Array.from({ length: dims }, (_, j) => Math.sqrt(Math.max(0, value)) * vectors[j]![i]!)
    );
}

/** `map · x` at unit length. */
export function applyMap(map: readonly Float64Array[], x: Float32Array): Float32Array {
  return unit(
    Float32Array.from(map, (row) => row.reduce((sum, weight, j) => sum + weight * x[j]!, 0)),
  );
}
