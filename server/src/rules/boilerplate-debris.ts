import { lineRule } from '../boilerplate/lineRule';

export const boilerplateDebris = lineRule({
  id: 'boilerplate-debris',
  description: 'Stamps and counters on their own lines: timestamps, durations, view counts, a lone 0, lone words between headline and body.',
});
