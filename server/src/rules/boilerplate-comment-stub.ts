import { lineRule } from '../boilerplate/lineRule';

export const boilerplateCommentStub = lineRule({
  id: 'boilerplate-comment-stub',
  description: 'Comment-section stubs (全部评论, 请先登录后发表评论, 暂无评论, Leave a comment).',
});
