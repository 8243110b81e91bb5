// A jest project whose testMatch finds no file would otherwise pass in silence (a moved directory,
// a renamed suffix). On an unfiltered run every selected project must have run at least one file.
// Jest hands reporters only the projects that found tests, so the configured names come as an
// option and the selection is read from the command line (--selectProjects / --ignoreProjects).
class EveryProjectRan {
  constructor(globalConfig, options) {
    this.globalConfig = globalConfig;
    this.projects = options.projects;
    this.error = undefined;
  }

  onRunComplete(_contexts, results) {
    const g = this.globalConfig;
    const filtered = g.testPathPatterns?.isSet() || g.testNamePattern || g.onlyChanged || g.findRelatedTests || g.shard;
    if (filtered || g.listTests) return;
    const selected = namesAfter('--selectProjects');
    const ignored = namesAfter('--ignoreProjects');
    const expected = this.projects.filter((p) => (!selected.length || selected.includes(p)) && !ignored.includes(p));
    const ran = new Set(results.testResults.map((r) => r.displayName?.name));
    const empty = expected.filter((name) => !ran.has(name));
    if (empty.length) {
      this.error = new Error(`jest project(s) without a single test file: ${empty.join(', ')}`);
      console.error(this.error.message);
    }
  }

  getLastError() {
    return this.error;
  }
}

/** The values of a repeatable list flag: `--flag a b`, `--flag=a`. */
function namesAfter(flag) {
  const names = [];
  const argv = process.argv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith(`${flag}=`)) names.push(argv[i].slice(flag.length + 1));
    else if (argv[i] === flag)
      for (let j = i + 1; j < argv.length && !argv[j].startsWith('-'); j++) names.push(argv[j]);
  }
  return names;
}
module.exports = EveryProjectRan;
