import { lineRule } from '../boilerplate/lineRule';

export const boilerplateShareWidget = lineRule({
  id: 'boilerplate-share-widget',
  description: 'Share, print, font-size and QR widgets (扫一扫在手机打开当前页, 点赞 收藏 分享).',
});
