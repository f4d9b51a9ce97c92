/**
 * FIN-WAF1 — WAF logs redact the credential headers.
 *
 * Every `aws_wafv2_web_acl_logging_configuration` must list `redacted_fields` with a
 * `single_header` for `authorization` and one for `cookie`, each in lowercase. WAF logs every
 * request header; without redaction the log holds every bearer token and session cookie that
 * passed the edge, readable by anyone who may read the log group. WAF returns header names in
 * lowercase, so a name in any other case makes every plan show a change.
 *
 * Mirrors: AWS WAF Developer Guide, "Log fields redaction"; OWASP Logging Cheat Sheet (never log
 * access tokens or session identifiers); PCI DSS v4.0 requirement 3.3.1 (partially).
 */
import type { GuardrailRule } from '../rule';
import { fromProblems } from '../rule';
import { block, blocks, show, str } from '../lib/values';

/** Headers every WAF log must redact. */
export const REQUIRED_REDACTED_HEADERS: readonly string[] = ['authorization', 'cookie'];

export const wafLogRedaction: GuardrailRule = {
  id: 'FIN-WAF1',
  title: 'WAF logs redact the authorization and cookie headers',
  severity: 'high',
  description:
    'Every WAFv2 logging configuration lists redacted_fields single_header blocks for authorization and cookie, names in lowercase.',
  mirrors: [
    'AWS WAF Developer Guide: log fields redaction',
    'OWASP Logging Cheat Sheet: no access tokens or session identifiers in logs',
    'PCI DSS v4.0 3.3.1 (partially)',
  ],
  resourceTypes: ['aws_wafv2_web_acl_logging_configuration'],
  check(resource) {
    const headers = blocks(resource.config.redacted_fields)
      .map((f) => str(block(f.single_header)?.name))
      .filter((n): n is string => n !== undefined);
    const problems: string[] = [];
    for (const name of headers) {
      if (name !== name.toLowerCase()) {
        problems.push(
          `redacted_fields single_header name ${show(name)} is not lowercase; write ${show(name.toLowerCase())} (WAF returns names in lowercase, so the plan never settles)`,
        );
      }
    }
    const redacted = new Set(headers.map((h) => h.toLowerCase()));
    const missing = REQUIRED_REDACTED_HEADERS.filter((h) => !redacted.has(h));
    if (missing.length > 0) {
      problems.push(
        `redacted_fields ${headers.length > 0 ? `redacts only ${show(headers)}` : 'is absent'}, so the log holds the ${missing.map((h) => show(h)).join(' and ')} header${missing.length > 1 ? 's' : ''} in clear; add a redacted_fields { single_header { name = "<header>" } } block for each`,
      );
    }
    return fromProblems(problems);
  },
};
