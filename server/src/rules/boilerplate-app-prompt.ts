import { lineRule } from '../boilerplate/lineRule';

export const boilerplateAppPrompt = lineRule({
  id: 'boilerplate-app-prompt',
  description: 'App download, QR, login and account-menu prompts (下载APP, 登录, 个人中心, Sign in).',
});
