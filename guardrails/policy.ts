/**
 * IAM policy documents normalised to one shape ({@link PolicyStatement}, the snake_case shape of
 * `aws_iam_policy_document`), whether they come from the data source's `statement` blocks or from
 * a literal JSON document (`Action`/`Resource`/`Principal` as string or list).
 */
import type { PolicyCondition, PolicyPrincipal, PolicyStatement } from './rule';
import { blocks, isRecord, str, strings } from './lib/values';

/** Effect of a statement; the data source defaults to Allow, so does an (invalid) JSON statement without one. */
function effectOf(value: unknown): 'Allow' | 'Deny' {
  return typeof value === 'string' && value.toLowerCase() === 'deny' ? 'Deny' : 'Allow';
}

/** Principals of a data-source statement (`principals { type, identifiers }`). */
function principalBlocks(value: unknown): PolicyPrincipal[] {
  return blocks(value).map((p) => ({ type: str(p.type) ?? '', identifiers: strings(p.identifiers) }));
}

/** Conditions of a data-source statement (`condition { test, variable, values }`). */
function conditionBlocks(value: unknown): PolicyCondition[] {
  return blocks(value).map((c) => ({ test: str(c.test) ?? '', variable: str(c.variable) ?? '', values: strings(c.values) }));
}

/** Normalises one `statement` block of an `aws_iam_policy_document` data source. */
export function statementFromBlock(block: Readonly<Record<string, unknown>>): PolicyStatement {
  const sid = str(block.sid);
  return {
    ...(sid !== undefined ? { sid } : {}),
    effect: effectOf(block.effect),
    actions: strings(block.actions),
    not_actions: strings(block.not_actions),
    resources: strings(block.resources),
    not_resources: strings(block.not_resources),
    principals: principalBlocks(block.principals),
    not_principals: principalBlocks(block.not_principals),
    condition: conditionBlocks(block.condition),
  };
}

/** JSON `Principal`: `"*"` or `{ "AWS": "arn" | [...], "Service": ... }`. */
function jsonPrincipals(value: unknown): PolicyPrincipal[] {
  if (value === undefined) return [];
  if (value === '*') return [{ type: '*', identifiers: ['*'] }];
  if (!isRecord(value)) return [];
  return Object.entries(value).map(([type, ids]) => ({ type, identifiers: strings(ids) }));
}

/** JSON `Condition`: `{ "<test>": { "<variable>": value | [values] } }`. */
function jsonConditions(value: unknown): PolicyCondition[] {
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([test, byVariable]) =>
    isRecord(byVariable)
      ? Object.entries(byVariable).map(([variable, values]) => ({
          test,
          variable,
          values: (Array.isArray(values) ? values : [values]).map((v) => String(v)),
        }))
      : [],
  );
}

/** Normalises one statement of a literal JSON policy. */
export function statementFromJson(statement: Readonly<Record<string, unknown>>): PolicyStatement {
  const sid = str(statement.Sid);
  return {
    ...(sid !== undefined ? { sid } : {}),
    effect: effectOf(statement.Effect),
    actions: strings(statement.Action),
    not_actions: strings(statement.NotAction),
    resources: strings(statement.Resource),
    not_resources: strings(statement.NotResource),
    principals: jsonPrincipals(statement.Principal),
    not_principals: jsonPrincipals(statement.NotPrincipal),
    condition: jsonConditions(statement.Condition),
  };
}

/** Statements of a literal JSON policy document; undefined when the text is not one. */
export function statementsFromJsonText(text: string): PolicyStatement[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  const statement = parsed.Statement;
  if (Array.isArray(statement)) return statement.filter(isRecord).map(statementFromJson);
  if (isRecord(statement)) return [statementFromJson(statement)];
  return undefined;
}
