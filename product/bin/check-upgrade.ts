import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { synthesizeWorkspace } from '../synthesis/synthesize';
import { releasedVersions } from '../versions/released-versions';
import { describeViolation, upgradeViolations } from '../release/upgrade-safety';

/**
 * `npm run check:upgrade`: whether upgrading from each released version to the next, and from the
 * latest release to the working tree (freshly synthesized), keeps every stateful resource. The same
 * check runs in npm test (product/release/upgrade-safety.test.ts) and in every release.
 */
const released = releasedVersions();
const steps = released.slice(1).map((next, index) => ({ from: released[index].version, to: next.version, before: released[index].template(), after: next.template() }));
if (released.length > 0) {
  steps.push({ from: released.at(-1)!.version, to: `${WORKSPACE_VERSION} (working tree)`, before: released.at(-1)!.template(), after: JSON.parse(synthesizeWorkspace()) });
}
let failed = false;
for (const step of steps) {
  const violations = upgradeViolations(step.before, step.after);
  console.log(`check-upgrade: ${step.from} -> ${step.to}: ${violations.length === 0 ? 'keeps every stateful resource' : `${violations.length} violation(s)`}`);
  violations.forEach((violation) => console.error(`  ${describeViolation(violation)}`));
  failed ||= violations.length > 0;
}
process.exit(failed ? 1 : 0);
