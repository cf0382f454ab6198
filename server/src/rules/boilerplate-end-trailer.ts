import { lineRule } from '../boilerplate/lineRule';

export const boilerplateEndTrailer = lineRule({
  id: 'boilerplate-end-trailer',
  description: "A template's end-of-article trailer on its own line (- END -, — END —); the agency's closing mark （完） is the article's own text and stays.",
});
