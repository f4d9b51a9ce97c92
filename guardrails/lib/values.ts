/**
 * Small readers over untyped Terraform JSON. Blocks appear as an object (single nested block in
 * cdktf's JSON) or as a list of objects (repeated block); these helpers accept both.
 */

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object of a block attribute: a list of objects, or one object. */
export function blocks(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

/** The first object of a block attribute, if any. */
export function block(value: unknown): Record<string, unknown> | undefined {
  return blocks(value)[0];
}

/** The value when it is a string. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A non-empty string, or undefined. */
export function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Strings of a string-or-list attribute (IAM `Action: "x"` or `["x", "y"]`). */
export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** True for `true` or `"true"` (Terraform accepts both for booleans). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A number, or a string holding one. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** A value as it should appear in a reason: JSON for data, `absent` for undefined. */
export function show(value: unknown): string {
  if (value === undefined) return 'absent';
  return JSON.stringify(value) ?? String(value);
}

/** True when a string contains a Terraform expression (`${...}`), i.e. its value is known only at apply time. */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.includes('${');
}
