import { lineRule } from '../boilerplate/lineRule';

export const boilerplateBreadcrumb = lineRule({
  id: 'boilerplate-breadcrumb',
  description: 'Breadcrumb navigation (您当前的位置:首页>…, Home > News > …).',
});
