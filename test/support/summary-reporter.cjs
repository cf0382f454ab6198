// Mocha's spec reporter plus one closing line in the plain form CI reads: "tests: N passed, N failed".
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats || {};
      const line = `tests: ${s.passes || 0} passed, ${s.failures || 0} failed` + (s.pending ? `, ${s.pending} skipped` : '');
      // After Spec's epilogue, so it is the last line of the run.
      process.nextTick(() => console.log(line));
    });
  }
}
module.exports = SummaryReporter;
