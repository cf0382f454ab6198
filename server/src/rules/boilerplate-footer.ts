import { lineRule } from '../boilerplate/lineRule';

export const boilerplateFooter = lineRule({
  id: 'boilerplate-footer',
  description: 'Site footer: copyright, ICP and police record numbers, licences, report hotlines, site links.',
});
