import { lineRule } from '../boilerplate/lineRule';

export const boilerplateTruncatedTeaser = lineRule({
  id: 'boilerplate-truncated-teaser',
  description: 'Teaser cut off with ... or … outside the article body.',
});
