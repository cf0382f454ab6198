// Work in parts: a generator yields between parts so a caller can interleave other work
// (the language server answers requests between the parts of a background lint); the
// engine, the CLI and the tests run the same generator to its end in one go.

/** Runs `steps` to the end and returns what it returns. */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * A countdown for yielding every `every` units of work (lines, characters, documents read):
 * `if (budget.spend(n)) yield;` keeps a part near the same size whatever the unit.
 */
export class StepBudget {
  private left: number;

  constructor(private readonly every: number) {
    this.left = every;
  }

  /** Spends `units`; true (and the budget renewed) when a part is done and the caller should yield. */
  spend(units = 1): boolean {
    this.left -= units;
    if (this.left > 0) return false;
    this.left = this.every;
    return true;
  }
}
