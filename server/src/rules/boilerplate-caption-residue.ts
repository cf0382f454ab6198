import { lineRule } from '../boilerplate/lineRule';

export const boilerplateCaptionResidue = lineRule({
  id: 'boilerplate-caption-residue',
  description: 'Photo caption left without its photo (meeting venue, X speech, 图为… without a credit); a caption that credits its photographer is the article\'s; information only.',
  defaultSeverity: 'information',
});
