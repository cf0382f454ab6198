import { lineRule } from '../boilerplate/lineRule';

export const boilerplateTeaserHeading = lineRule({
  id: 'boilerplate-teaser-heading',
  description: 'Heading of a teaser list (相关内容, 推荐视频, 热门资讯, 友情链接, Related articles) and the list under it.',
  fixTitle: 'Remove teaser list',
});
