/** IPv4/IPv6 CIDR helpers for literal values (expressions are handled by the rules). */

/** True for a CIDR whose prefix length is 0 (`0.0.0.0/0`, `::/0`): the whole address space. */
export function isWholeAddressSpace(cidr: string): boolean {
  return /\/0+$/.test(cidr.trim());
}

/** An IPv4 CIDR as [network, prefix length], or undefined. */
function parseIpv4(cidr: string): [number, number] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const length = Number(match[5]);
  if (octets.some((o) => o > 255) || length > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  return [address, length];
}

/** True when the IPv4 CIDR `inner` lies inside `outer` (both literal). */
export function ipv4Within(inner: string, outer: string): boolean {
  const a = parseIpv4(inner);
  const b = parseIpv4(outer);
  if (!a || !b || a[1] < b[1]) return false;
  const block = 2 ** (32 - b[1]);
  return Math.floor(a[0] / block) === Math.floor(b[0] / block);
}
