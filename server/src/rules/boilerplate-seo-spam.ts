import { lineRule } from '../boilerplate/lineRule';

export const boilerplateSeoSpam = lineRule({
  id: 'boilerplate-seo-spam',
  description: 'SEO spam line injected into the page: a comma list of adult or gambling keywords.',
});
