// Removing a test must be a visible, reviewed change for the code whose tests are recorded (the
// rules library): coverage alone misses a test whose lines other tests also reach. On an unfiltered
// run of its project, every recorded test must have run and passed, and every test that ran must
// be recorded. `RECORD_TEST_INVENTORY=1 npx jest --selectProjects unit` rewrites the record.
const fs = require('node:fs');
const path = require('node:path');

class TestInventory {
  constructor(globalConfig, options) {
    this.globalConfig = globalConfig;
    this.options = options; // { project, under, file }
    this.error = undefined;
  }

  onRunComplete(contexts, results) {
    const g = this.globalConfig;
    const filtered = g.testPathPatterns?.isSet() || g.testNamePattern || g.onlyChanged || g.findRelatedTests || g.shard;
    const { project, under, file } = this.options;
    const ranProject = [...contexts].some((c) => c.config.displayName?.name === project);
    if (filtered || !ranProject) return;
    const root = g.rootDir;
    const ran = results.testResults
      .filter((r) => path.relative(root, r.testFilePath).startsWith(under))
      .flatMap((r) =>
        r.testResults
          .filter((a) => a.status === 'passed')
          .map((a) => `${path.relative(root, r.testFilePath)} › ${a.fullName}`),
      )
      .sort();
    const target = path.join(root, file);
    if (process.env.RECORD_TEST_INVENTORY === '1') {
      fs.writeFileSync(target, ran.join('\n') + '\n');
      console.log(`recorded ${ran.length} tests under ${under} in ${file}`);
      return;
    }
    const recorded = fs.existsSync(target) ? fs.readFileSync(target, 'utf8').split('\n').filter(Boolean) : [];
    const ranSet = new Set(ran);
    const recordedSet = new Set(recorded);
    const missing = recorded.filter((t) => !ranSet.has(t));
    const unrecorded = ran.filter((t) => !recordedSet.has(t));
    if (!missing.length && !unrecorded.length) return;
    const lines = [
      `${file}: the tests under ${under} differ from the record.`,
      ...missing.slice(0, 20).map((t) => `  recorded but not run (or not passed): ${t}`),
      ...unrecorded.slice(0, 20).map((t) => `  run but not recorded: ${t}`),
      `  A deliberate change: RECORD_TEST_INVENTORY=1 npx jest --selectProjects ${project}, and commit ${file}.`,
    ];
    this.error = new Error(lines.join('\n'));
    console.error(this.error.message);
  }

  getLastError() {
    return this.error;
  }
}
module.exports = TestInventory;
