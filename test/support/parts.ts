// Runs a generator of parts (a rule's checkInSteps, an analysis in steps) to its end with
// `between()` after every part, as the server lets other work through; returns its result and
// how many parts there were.
export function inParts<T>(steps: Generator<void, T, void>, between: () => void = () => {}): { value: T; parts: number } {
  for (let parts = 1; ; parts++) {
    const step = steps.next();
    if (step.done) return { value: step.value, parts };
    between();
  }
}
