import { lineRule } from '../boilerplate/lineRule';

export const boilerplateDuplicateTitle = lineRule({
  id: 'boilerplate-duplicate-title',
  description: 'The headline repeated on another line.',
});
