/**
 * Who the client is behind a reverse proxy (nginx, `nginx.ts`): the address rate limits and the
 * failed-token limiter count by. A request's TCP peer is the client unless that peer is one of
 * `TRUSTED_PROXIES` (addresses or CIDR ranges); then the proxy's `X-Forwarded-For` is believed,
 * read from the right: the first address there that is not itself a trusted proxy is the client
 * (a client can put anything at the left of the header, never at the right, which its proxy
 * appends). Without `X-Forwarded-For`, `X-Real-IP` is taken. With no trusted proxy (the
 * default) the headers are ignored: a client that reaches a node directly cannot choose its own
 * bucket. The address is given in one canonical form (IPv4 dotted; IPv6 lower case, compressed,
 * zone id dropped; an IPv4-mapped IPv6 address as its IPv4 address), so one client is one
 * bucket however a proxy or the socket spells it.
 *
 * The `Forwarded` header (RFC 7239) is ignored: the generated nginx config and common proxies
 * send `X-Forwarded-For`/`X-Real-IP`, and believing a second header would let a client whose
 * proxy passes `Forwarded` through untouched choose its own bucket.
 *
 * @module
 */

/** One trusted address range: an IPv4 or IPv6 network and its prefix length. */
interface Range {
  v6: boolean;
  base: bigint;
  bits: number;
}

/** The proxies whose forwarding headers are believed (`TRUSTED_PROXIES`). */
export interface TrustedProxies {
  /** Whether `address` (an IP address, as Deno reports a peer) is one of them. */
  has(address: string): boolean;
  /** False when none is trusted (the headers are never read). */
  readonly any: boolean;
}

/** Most `X-Forwarded-For` entries looked at (from the right): a proxy chain is short. */
const MAX_HOPS = 16;

function ipv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function ipv6(text: string): bigint | null {
  let rest = text.replace(/%.*$/, "");
  const tail: string[] = [];
  // An IPv4 ending (`::ffff:1.2.3.4`) is the last two groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(rest);
  if (dotted) {
    const v4 = ipv4(dotted[2]!);
    if (v4 === null) return null;
    tail.push((v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16));
    rest = dotted[1]!.endsWith("::") ? dotted[1]! : dotted[1]!.slice(0, -1);
  }
  const halves = rest.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string) => half === "" ? [] : half.split(":");
  const head = groups(halves[0]!);
  const back = halves.length === 2 ? groups(halves[1]!) : [];
  const given = head.length + back.length + tail.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  const fill = halves.length === 2 ? Array<string>(8 - given).fill("0") : [];
  let value = 0n;
  for (const group of [...head, ...fill, ...back, ...tail]) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    value = (value << 16n) | BigInt(`0x${group}`);
  }
  return value;
}

/** IPv4 address `value` in dotted form. */
function v4Text(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join(".");
}

/** IPv6 address `value` in RFC 5952 form: lower case, the longest run of zero groups as `::`. */
function v6Text(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => (value >> BigInt(112 - 16 * i)) & 0xffffn);
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    let end = i;
    while (end < 8 && groups[end] === 0n) end++;
    if (end - i > bestLength) [best, bestLength] = [i, end - i];
    i = Math.max(end, i + 1);
  }
  const hex = groups.map((group) => group.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLength).join(":")}`;
}

/**
 * An address as a number, its family and its canonical text; an IPv4-mapped IPv6 address
 * (`::ffff:10.0.0.1`) is its IPv4 address. Brackets (`[::1]`) and an IPv4 port
 * (`10.0.0.1:5000`) are dropped.
 */
function parseAddress(text: string): { v6: boolean; value: bigint; text: string } | null {
  let address = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.replace(/:\d+$/, "");
  const v4 = ipv4(address);
  if (v4 !== null) return { v6: false, value: v4, text: v4Text(v4) };
  if (!address.includes(":")) return null;
  const v6 = ipv6(address);
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) {
    const mapped = v6 & 0xffffffffn;
    return { v6: false, value: mapped, text: v4Text(mapped) };
  }
  return { v6: true, value: v6, text: v6Text(v6) };
}

/**
 * A dotted IPv4 address already in its canonical form (four parts of 0-255, no leading zero), as
 * Deno reports an IPv4 peer: it is its own canonical form and its own network, so it is given
 * back without parsing. Parsing cost ~1.4 KB of garbage (BigInts, arrays, the parsed record) at
 * every call, and every upgrade and HTTP request makes two or more (session 47, gc47).
 */
const CANONICAL_V4 =
  /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * `address` in the canonical form rate limits key on (see the module's notes); text that is not
 * an IP address is returned as it is.
 */
export function canonicalAddress(address: string): string {
  if (CANONICAL_V4.test(address)) return address;
  return parseAddress(address)?.text ?? address;
}

/** Bits of an IPv6 address that name one client's network (RFC 6177: a site gets a /64 at least). */
export const CLIENT_V6_PREFIX = 64;

/**
 * The network `address` belongs to as one client: an IPv4 address is itself (an IPv4-mapped
 * IPv6 address too, as its IPv4 address); an IPv6 address is its /64, `2001:db8:1:2::/64`
 * (whoever holds one address of a /64 usually holds them all, and could otherwise take a fresh
 * allowance per address). Text that is not an IP address is returned as it is.
 */
export function clientNetwork(address: string): string {
  if (CANONICAL_V4.test(address)) return address;
  const parsed = parseAddress(address);
  if (parsed === null) return address;
  if (!parsed.v6) return parsed.text;
  const shift = BigInt(128 - CLIENT_V6_PREFIX);
  return `${v6Text((parsed.value >> shift) << shift)}/${CLIENT_V6_PREFIX}`;
}

/** `entry` (an address, or a CIDR range such as `10.0.0.0/8`) as a range, or null if invalid. */
function parseRange(entry: string): Range | null {
  const [text, prefix, ...extra] = entry.trim().split("/");
  if (extra.length > 0 || text === undefined) return null;
  const address = parseAddress(text);
  if (!address) return null;
  const width = address.v6 ? 128 : 32;
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return null;
  const bits = prefix === undefined ? width : Number(prefix);
  if (bits > width) return null;
  const shift = BigInt(width - bits);
  return { v6: address.v6, base: (address.value >> shift) << shift, bits };
}

/** Whether `entry` is an address or CIDR range {@linkcode trustedProxies} accepts. */
export function isProxyEntry(entry: string): boolean {
  return parseRange(entry) !== null;
}

/**
 * The entries of `entries` that trust every address of a family (`0.0.0.0/0`, `::/0`): any peer
 * that reaches a node could then choose its own bucket with `X-Forwarded-For`. Said at start.
 */
export function trustsEveryone(entries: readonly string[]): string[] {
  return entries.filter((entry) => parseRange(entry)?.bits === 0);
}

/** The proxies of `entries` (addresses and CIDR ranges); throws on an invalid entry. */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const ranges = entries.map((entry) => {
    const range = parseRange(entry);
    if (!range) throw new Error(`Not an IP address or CIDR range: "${entry}"`);
    return range;
  });
  return {
    any: ranges.length > 0,
    has(text) {
      const address = parseAddress(text);
      if (!address) return false;
      return ranges.some((range) => {
        if (range.v6 !== address.v6) return false;
        const shift = BigInt((range.v6 ? 128 : 32) - range.bits);
        return (address.value >> shift) << shift === range.base;
      });
    },
  };
}

/** A request's TCP peer as Deno reports it (`Deno.ServeHandlerInfo`, or Hono's `env`). */
export interface PeerInfo {
  remoteAddr?: { hostname?: string };
}

/**
 * The address of the client that sent `request`: the TCP peer, or, when the peer is a trusted
 * proxy, the address its forwarding headers name (see the module's notes).
 */
export function clientAddress(
  request: Request,
  info: PeerInfo | undefined,
  trusted: TrustedProxies,
): string {
  const peer = canonicalAddress(info?.remoteAddr?.hostname ?? "unknown");
  if (!trusted.any || !trusted.has(peer)) return peer;
  const forwarded = request.headers.get("x-forwarded-for");
  if (forwarded !== null) {
    const hops = forwarded.split(",").slice(-MAX_HOPS).reverse();
    let client = peer;
    for (const hop of hops) {
      // A malformed entry ends the chain: the last trusted hop is all that is known.
      const address = parseAddress(hop)?.text;
      if (address === undefined) return client;
      client = address;
      if (!trusted.has(address)) return address;
    }
    return client;
  }
  const real = request.headers.get("x-real-ip");
  return (real !== null ? parseAddress(real)?.text : undefined) ?? peer;
}

/**
 * `info` with `remoteAddr` in its place: every other field (`completed`) read from `info`
 * itself (Deno's fields are getters on its class, so a spread would drop them).
 */
function withPeer<A extends Deno.Addr>(
  info: Deno.ServeHandlerInfo<A>,
  remoteAddr: A,
): Deno.ServeHandlerInfo<A> {
  const view = { remoteAddr } as Deno.ServeHandlerInfo<A>;
  for (let from: object | null = info; from && from !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(from)) {
      if (name === "constructor" || name in view) continue;
      Object.defineProperty(view, name, {
        enumerable: true,
        get: () => {
          const value = (info as unknown as Record<string, unknown>)[name];
          return typeof value === "function" ? value.bind(info) : value;
        },
      });
    }
    from = Object.getPrototypeOf(from);
  }
  return view;
}

/**
 * `handler` seeing the client (see {@linkcode clientAddress}) as its peer: every check that
 * counts by the peer's address (rate limits, failed tokens, session openings) then counts by the
 * client behind a trusted proxy, in canonical form. Without trusted proxies only the form
 * changes (an IPv4-mapped peer of a dual-stack socket is its IPv4 address).
 */
export function forClients<A extends Deno.Addr>(
  handler: Deno.ServeHandler<A>,
  trusted: TrustedProxies,
): Deno.ServeHandler<A> {
  return (request, info) => {
    const peer = info.remoteAddr as Deno.Addr;
    if (peer.transport !== "tcp" && peer.transport !== "udp") return handler(request, info);
    // IPv4 as Deno gives it is canonical already: no work for it without trusted proxies.
    if (!trusted.any && !peer.hostname.includes(":")) return handler(request, info);
    const hostname = clientAddress(request, { remoteAddr: peer }, trusted);
    if (hostname === peer.hostname) return handler(request, info);
    return handler(request, withPeer(info, { ...peer, hostname } as A));
  };
}
