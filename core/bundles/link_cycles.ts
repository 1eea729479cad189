/**
 * Supersession cycles in a bundle, broken rather than refused (fix144): a database written before
 * the cycle check read whole chains (attack36 A3), or two PostgreSQL nodes at once, may hold a
 * cycle, and a backup of it must still restore every memory. Each cycle loses the link into its
 * newest memory, which is what became current before the link that closed the cycle (an old
 * memory made to replace a newer one) was written.
 *
 * @module
 */
import type { Bundle } from "./schema.ts";

/** A `supersedes` link between two memories of a bundle, by their indexes. */
export interface BundleLink {
  /** The memory that lists `to` in its `supersedes`. */
  from: number;
  to: number;
}

/**
 * The `supersedes` links of `memories` to drop so that none is on a cycle, and the memories
 * without them (the others as given). Only links within a strongly connected group of memories
 * can be on a cycle. A group that is one plain cycle loses exactly one link: the one into its
 * newest memory (latest `created_at`; of equal times the one listed first, as an export lists the
 * newest first), which stays current. A tangle (a memory replacing two of its group, only built
 * by hand) loses every link of the group from an older memory to a newer one: what is left only
 * ever replaces older memories, so no cycle remains. Linear in memories and links (no search per
 * cycle: a bundle holds up to 100,000 memories).
 */
export function breakCycles(
  memories: Bundle["memories"],
): { memories: Bundle["memories"]; dropped: BundleLink[] } {
  const indexOf = new Map<string, number>();
  memories.forEach((memory, index) => {
    if (memory.id !== undefined && !indexOf.has(memory.id)) indexOf.set(memory.id, index);
  });
  const edges = memories.map((memory) => {
    const out = memory.supersedes.flatMap((id) => indexOf.get(id) ?? []);
    return out.length > 1 ? [...new Set(out)] : out;
  });
  const group = stronglyConnected(edges);
  // Groups are numbered below the memories' count: typed arrays, not maps (100,000 memories).
  const size = new Int32Array(edges.length);
  const links = new Int32Array(edges.length);
  for (let i = 0; i < edges.length; i++) {
    size[group[i]!]!++;
    for (const to of edges[i]!) if (group[to] === group[i]) links[group[i]!]!++;
  }
  // Only a memory whose group has a link inside it is on a cycle; only its time is read.
  const time = new Float64Array(edges.length);
  for (let i = 0; i < edges.length; i++) {
    if (links[group[i]!]! > 0) time[i] = Date.parse(memories[i]!.created_at);
  }
  // Newer: a later time, or the same time listed earlier.
  const newer = (a: number, b: number) => time[a]! > time[b]! || (time[a] === time[b] && a < b);
  const newest = new Int32Array(edges.length).fill(-1);
  for (let i = 0; i < edges.length; i++) {
    const at = newest[group[i]!]!;
    if (at === -1 || newer(i, at)) newest[group[i]!] = i;
  }
  const dropped: BundleLink[] = [];
  for (let from = 0; from < edges.length; from++) {
    const g = group[from]!;
    // A memory alone is on a cycle only through a self-link (import refuses those first,
    // `checkMemoryLinks`): one link into the newest, dropped as any other.
    const plain = links[g] === size[g];
    for (const to of edges[from]!) {
      if (group[to] !== g) continue;
      if (plain ? to === newest[g] : newer(to, from)) dropped.push({ from, to });
    }
  }
  if (dropped.length === 0) return { memories, dropped };
  const cut = new Map<number, Set<string>>();
  for (const { from, to } of dropped) {
    cut.set(from, (cut.get(from) ?? new Set()).add(memories[to]!.id!));
  }
  return {
    memories: memories.map((memory, index) => {
      const ids = cut.get(index);
      return ids
        ? { ...memory, supersedes: memory.supersedes.filter((id) => !ids.has(id)) }
        : memory;
    }),
    dropped,
  };
}

/** Each node's strongly connected group (Tarjan's, iterative: no recursion on long chains). */
export function stronglyConnected(edges: ReadonlyArray<readonly number[]>): Int32Array {
  const count = edges.length;
  const order = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const group = new Int32Array(count).fill(-1);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  let next = 0;
  let groups = 0;
  for (let root = 0; root < count; root++) {
    if (order[root] !== -1) continue;
    const path: Array<{ node: number; edge: number }> = [{ node: root, edge: 0 }];
    order[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = 1;
    while (path.length > 0) {
      const top = path.at(-1)!;
      const out = edges[top.node]!;
      if (top.edge < out.length) {
        const to = out[top.edge++]!;
        if (order[to] === -1) {
          order[to] = low[to] = next++;
          stack.push(to);
          onStack[to] = 1;
          path.push({ node: to, edge: 0 });
        } else if (onStack[to]) low[top.node] = Math.min(low[top.node]!, order[to]!);
        continue;
      }
      path.pop();
      const parent = path.at(-1);
      if (parent) low[parent.node] = Math.min(low[parent.node]!, low[top.node]!);
      if (low[top.node] !== order[top.node]) continue;
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack[member] = 0;
        group[member] = groups;
        if (member === top.node) break;
      }
      groups++;
    }
  }
  return group;
}
