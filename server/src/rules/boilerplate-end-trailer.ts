import { lineRule } from '../boilerplate/lineRule';

export const boilerplateEndTrailer = lineRule({
  id: 'boilerplate-end-trailer',
  description: 'An end-of-article trailer on its own line (- END -, 完).',
});
