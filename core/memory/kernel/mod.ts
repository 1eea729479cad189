/**
 * Int8 vector rows in WebAssembly memory, scored against a query by a SIMD kernel
 * (`vector_kernel.wat`): each row is its vector divided by its largest component and scaled to
 * -127..127, with that scale kept beside it; the query is scaled to 16-bit integers. A cosine
 * of unit vectors comes out within about 0.002 of the exact float value, a quarter of the
 * memory of float32 rows, and a scan of 100,000 rows of 100 dimensions about six times faster
 * than the float loop it replaces.
 *
 * @module
 */
import { VECTOR_KERNEL_BASE64 } from "./vector_kernel.gen.ts";

let compiled: WebAssembly.Module | undefined;

function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(
    Uint8Array.from(atob(VECTOR_KERNEL_BASE64), (char) => char.charCodeAt(0)),
  );
  return compiled;
}

const PAGE = 65_536;

/** The operating system's memory page (4 KiB on the platforms Deno runs on; larger is fine). */
const OS_PAGE = 4_096;
/** Largest magnitude of a stored component. */
const ROW_LEVELS = 127;
/** Largest magnitude of a query component. */
const QUERY_LEVELS = 32_767;

/** Bytes of int8 levels per row of `dimensions`: rounded up to 16 (one SIMD block). */
export function rowStride(dimensions: number): number {
  return Math.ceil(dimensions / 16) * 16;
}

/** Bytes per stored row of `dimensions`: its levels, then its float32 scale. */
export function rowBytes(dimensions: number): number {
  return rowStride(dimensions) + 4;
}

/**
 * The int8 row of `vector`, as stored (the `index_vector` column) and in WebAssembly memory:
 * each component over the largest, times 127, rounded, padded with zeros to the stride, then
 * the scale (the largest over 127) as a little-endian float32.
 */
export function quantize(vector: Float32Array): Uint8Array {
  let largest = 0;
  for (let d = 0; d < vector.length; d++) largest = Math.max(largest, Math.abs(vector[d]!));
  const scale = largest / ROW_LEVELS;
  const stride = rowStride(vector.length);
  const bytes = new Uint8Array(stride + 4);
  const levels = new Int8Array(bytes.buffer, 0, stride);
  if (scale > 0) {
    for (let d = 0; d < vector.length; d++) levels[d] = Math.round(vector[d]! / scale);
  }
  new DataView(bytes.buffer).setFloat32(stride, scale, true);
  return bytes;
}

/** Rows of int8 vectors of one dimension, in WebAssembly memory. */
export class Int8Rows {
  readonly dimensions: number;
  /** Bytes of levels per row: the dimensions rounded up to 16 (one SIMD block). */
  readonly stride: number;
  /** Bytes per row: the levels and the scale. */
  readonly pitch: number;
  #capacity = 0;
  readonly #memory: WebAssembly.Memory;
  readonly #dot: (...args: number[]) => void;
  readonly #rowsAt: number;
  #outAt = 0;
  /** Where {@linkcode prefault} goes on from. */
  #prefaulted = 0;
  #viewed?: { levels: Int8Array; view: DataView };

  /** Room for `capacity` rows of `dimensions` to start. */
  constructor(dimensions: number, capacity: number) {
    this.dimensions = dimensions;
    this.stride = rowStride(dimensions);
    this.pitch = this.stride + 4;
    this.#memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(kernelModule(), { env: { memory: this.#memory } });
    this.#dot = instance.exports.dot_i8 as (...args: number[]) => void;
    this.#rowsAt = this.stride * 2;
    this.#layout(Math.max(1, capacity));
  }

  /** Number of rows there is room for. */
  get capacity(): number {
    return this.#capacity;
  }

  /** Lays out room for `capacity` rows (the rows stay where they are; `out` follows them). */
  #layout(capacity: number): void {
    const outAt = this.#rowsAt + capacity * this.pitch;
    const needed = outAt + capacity * 4;
    const have = this.#memory.buffer.byteLength;
    if (needed > have) this.#memory.grow(Math.ceil((needed - have) / PAGE));
    this.#capacity = capacity;
    this.#outAt = outAt;
  }

  /** Makes room for `capacity` rows. */
  grow(capacity: number): void {
    if (capacity > this.#capacity) this.#layout(capacity);
  }

  /**
   * Writes one byte of each of the next `pages` 4 KiB memory pages of the room laid out
   * (a zero over a zero, or any byte over itself: nothing changes), from where the last call
   * stopped; whether pages remain. The memory that `grow` adds is mapped lazily, so the first
   * copy of 100,000 rows into it takes ~3,000 page faults (60-75 ms on the development
   * machine): a caller that waits anyway (for rows read on another thread) takes them ahead,
   * a few at a time between other work.
   */
  prefault(pages: number): boolean {
    const bytes = new Uint8Array(this.#memory.buffer);
    const end = this.#outAt + this.#capacity * 4;
    let at = Math.max(this.#prefaulted, this.#rowsAt);
    for (let page = 0; page < pages && at < end; page++, at += OS_PAGE) bytes[at] = bytes[at]!;
    this.#prefaulted = at;
    return at < end;
  }

  /** Stores `vector` (float) as row `row`. */
  set(row: number, vector: Float32Array): void {
    this.setRow(row, quantize(vector));
  }

  /** Stores a stored row ({@linkcode quantize}) as row `row`. */
  setRow(row: number, bytes: Uint8Array): void {
    if (bytes.length !== this.pitch) {
      throw new Error(`A row of ${bytes.length} bytes where rows have ${this.pitch}`);
    }
    new Uint8Array(this.#memory.buffer, this.#rowsAt + row * this.pitch, this.pitch).set(bytes);
  }

  /** Stores rows end to end ({@linkcode quantize} each) from row `first` on. */
  setRows(first: number, bytes: Uint8Array): void {
    if (bytes.length % this.pitch !== 0) {
      throw new Error(`${bytes.length} bytes are not whole rows of ${this.pitch}`);
    }
    new Uint8Array(this.#memory.buffer, this.#rowsAt + first * this.pitch, bytes.length)
      .set(bytes);
  }

  /** Copies row `from` over row `to`. */
  move(from: number, to: number): void {
    const start = this.#rowsAt + from * this.pitch;
    new Uint8Array(this.#memory.buffer)
      .copyWithin(this.#rowsAt + to * this.pitch, start, start + this.pitch);
  }

  /** The dot product of row `row` with `query`. */
  dot(row: number, query: Float32Array): number {
    const { levels, view } = this.#views();
    const at = this.#rowsAt + row * this.pitch;
    let sum = 0;
    for (let d = 0; d < this.dimensions; d++) sum += levels[at + d]! * query[d]!;
    return sum * view.getFloat32(at + this.stride, true);
  }

  /**
   * Views of the whole memory, made again only when it grew (its buffer is then another): a
   * search scores each candidate the scan did not keep, and a view per call cost more than the
   * dot product.
   */
  #views(): { levels: Int8Array; view: DataView } {
    const buffer = this.#memory.buffer;
    if (this.#viewed?.levels.buffer !== buffer) {
      this.#viewed = { levels: new Int8Array(buffer), view: new DataView(buffer) };
    }
    return this.#viewed;
  }

  /**
   * The dot products of rows 0..count-1 with `query` before the query's own scale, in a view
   * that stays valid until the next call (no allocation per scan), and that scale: a positive
   * factor, so rows rank the same by either; a dot product is `Math.fround(score * scale)` (as a
   * Float32Array would store it), worked out only for the rows kept.
   */
  unscaledScores(query: Float32Array, count: number): { scores: Float32Array; scale: number } {
    let largest = 0;
    for (let d = 0; d < this.dimensions; d++) largest = Math.max(largest, Math.abs(query[d]!));
    const scale = largest / QUERY_LEVELS;
    const levels = new Int16Array(this.#memory.buffer, 0, this.stride);
    for (let d = 0; d < this.dimensions; d++) {
      levels[d] = scale === 0 ? 0 : Math.round(query[d]! / scale);
    }
    this.#dot(0, this.#rowsAt, count, this.stride, this.#outAt);
    return { scores: new Float32Array(this.#memory.buffer, this.#outAt, count), scale };
  }
}
