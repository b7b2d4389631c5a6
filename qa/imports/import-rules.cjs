/**
 * The directions imports may run in, checked by dependency-cruiser in npm test
 * (qa/test/import-direction.test.ts). Each rule's comment is what a violation reports.
 */
const TEST_CODE = '(^|/)test/|\\.test\\.tsx?$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular-imports',
      comment: 'Modules import in one direction: break the circle by moving what both need into a module of its own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'services-stand-alone',
      comment: 'Code that runs (services/) never imports the CDK app (product/): put what both sides need in the service\'s contract module, which product/ imports.',
      severity: 'error',
      from: { path: '^services/' },
      to: { path: '^product/' },
    },
    {
      name: 'entry-points-are-imported-by-nobody',
      comment: 'bin/ holds entry points only: move what another module needs into a library beside the others.',
      severity: 'error',
      from: {},
      to: { path: '(^|/)bin/' },
    },
    {
      name: 'the-release-imports-the-rest',
      comment: 'Release orchestration (product/release/) imports synthesis, checks and compliance; nothing but its own files and entry points import it.',
      severity: 'error',
      from: { pathNot: '^product/release/|(^|/)bin/' },
      to: { path: '^product/release/' },
    },
    {
      name: 'private-stays-in-its-folder',
      comment: 'product/workspace/private/ serves product/workspace/ only: move what other folders need to product/shared/.',
      severity: 'error',
      from: { pathNot: '^product/workspace/' },
      to: { path: '^product/workspace/private/' },
    },
    {
      name: 'tests-are-imported-by-tests-only',
      comment: 'Runtime and developer code never imports from test/: move a shared stand-in or helper next to the code that uses it (qa/stand-ins/ for stand-ins).',
      severity: 'error',
      from: { pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules|\\.venv|^build/|^templates/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.cjs', '.json'] },
  },
};
