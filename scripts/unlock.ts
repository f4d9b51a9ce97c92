/**
 * `npm run unlock -- <environment> [--owner-gone]`: releases the S3 lock file an interrupted
 * Terraform run left on the environment's delivery state, after saying who holds it, for what,
 * and since when. It refuses while the holder still runs on this machine, and, for a holder on
 * another machine (which it cannot see), until `--owner-gone` vouches that it has stopped.
 *
 * The state is the emulator's when AWS_ENDPOINT_URL is set or deploy:local deployed the
 * environment, else AWS's (the current credentials). After an interrupted apply, run
 * `npm run recover -- <environment>` instead: it unlocks too, and finds what the apply created
 * without recording it.
 */
import { runCommandMain } from './lib/command-main';
import { openState, releaseStaleLock } from './lib/recover/access';
import { MissingPrerequisiteError, requireCommand, TERRAFORM_INSTALL_HINT } from './lib/terraform';

const USAGE = 'usage: npm run unlock -- <environment> [--owner-gone]';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const name = args.find((a) => !a.startsWith('--'));
  if (!name) throw new MissingPrerequisiteError(USAGE);
  requireCommand('terraform', TERRAFORM_INSTALL_HINT);
  const access = await openState(name, 'unlock');
  const outcome = await releaseStaleLock(access, { ownerGone: args.includes('--owner-gone') });
  if (outcome.result === 'none') {
    process.stdout.write(`No lock on s3://${access.bucket}/${access.stateKey}: nothing to release.\n`);
    return 0;
  }
  process.stdout.write(`${outcome.description}.\n`);
  if (outcome.result === 'refused') {
    process.stderr.write(`Not released: ${outcome.reason}\n`);
    return 1;
  }
  process.stdout.write(
    `Released lock ${outcome.lock.ID}. If it was an apply, it may have created resources it did not record: run npm run recover -- ${name} before the next apply.\n`,
  );
  return 0;
}

runCommandMain(main);
