/**
 * FIN-RDS1 — with automatic minor upgrades, the engine version names only the major.
 *
 * An `aws_db_instance` whose `auto_minor_version_upgrade` is not false (the default is true) must
 * not pin a minor version in `engine_version`: PostgreSQL gives the major only ("16", not "16.4"),
 * MySQL and MariaDB major.minor ("8.0", not "8.0.36"). Once RDS upgrades the instance in its
 * maintenance window, a pinned version makes every plan show a downgrade, which RDS refuses — the
 * plan never settles. The provider reads the running version into `engine_version_actual`.
 * Instances with automatic minor upgrades off may pin the version.
 *
 * Mirrors: hashicorp/aws provider docs for aws_db_instance (engine_version with
 * auto_minor_version_upgrade); Security Hub RDS.13 (automatic minor version upgrades enabled).
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant, notApplicable } from '../rule';
import { isExpression, show, str } from '../lib/values';

/** The version form that names no more than RDS leaves to the user, per engine. */
const MAJOR_ONLY: Readonly<Record<string, { readonly pattern: RegExp; readonly example: string }>> = {
  postgres: { pattern: /^\d+$/, example: '"16"' },
  mysql: { pattern: /^\d+\.\d+$/, example: '"8.0"' },
  mariadb: { pattern: /^\d+\.\d+$/, example: '"10.11"' },
};

export const rdsEngineVersionMajor: GuardrailRule = {
  id: 'FIN-RDS1',
  title: 'RDS engine version leaves minor upgrades to RDS',
  severity: 'low',
  description:
    'An aws_db_instance with automatic minor version upgrades gives engine_version as the major only (PostgreSQL "16"; MySQL and MariaDB "8.0"), so an upgrade by RDS does not make every plan try to downgrade.',
  mirrors: ['hashicorp/aws docs: aws_db_instance engine_version with auto_minor_version_upgrade', 'Security Hub RDS.13 (related)'],
  resourceTypes: ['aws_db_instance'],
  check(resource) {
    const engine = str(resource.config.engine);
    const form = engine === undefined ? undefined : MAJOR_ONLY[engine];
    if (form === undefined) return notApplicable(`engine ${show(engine)} is not one this rule knows the version form of`);
    if (resource.config.auto_minor_version_upgrade === false || resource.config.auto_minor_version_upgrade === 'false') {
      return notApplicable('auto_minor_version_upgrade is false: the version may be pinned');
    }
    const version = resource.config.engine_version;
    if (version === undefined || isExpression(version)) return compliant();
    if (typeof version === 'string' && form.pattern.test(version)) return compliant();
    return nonCompliant(
      `engine_version is ${show(version)} with automatic minor version upgrades on: once RDS upgrades the instance every plan tries to downgrade it; give ${form.example} (the running version is engine_version_actual), or set auto_minor_version_upgrade = false to pin it`,
    );
  },
};
