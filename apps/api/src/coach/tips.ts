export interface CoachTip {
  id: string;
  category: 'branding' | 'thumbnails' | 'overlays' | 'growth' | 'schedule';
  title: string;
  body: string;
}

/** Tips every tier gets; the coach's sessions go deeper on the same ground. */
export const COACH_TIPS: readonly CoachTip[] = [
  {
    id: 'consistent-colors',
    category: 'branding',
    title: 'Pick three colours and keep them',
    body: 'Use one primary, one secondary and one accent colour on every overlay, panel and thumbnail, so viewers recognise your stream at a glance.',
  },
  {
    id: 'readable-thumbnails',
    category: 'thumbnails',
    title: 'Thumbnails are read at 200 pixels wide',
    body: 'Three words at most, high contrast, and a face or one clear object: check the thumbnail at phone size before you publish.',
  },
  {
    id: 'overlay-breathing-room',
    category: 'overlays',
    title: 'Leave the game room to breathe',
    body: 'Keep overlays to the edges and corners; the middle third of the screen belongs to the gameplay.',
  },
  {
    id: 'schedule-first',
    category: 'schedule',
    title: 'A schedule beats a marathon',
    body: 'Streaming at the same times each week builds a returning audience faster than occasional long streams.',
  },
  {
    id: 'clip-the-highlights',
    category: 'growth',
    title: 'Turn every stream into three clips',
    body: 'Short clips of your best moments reach viewers who have never seen you live; post them within a day.',
  },
  {
    id: 'one-font-family',
    category: 'branding',
    title: 'One font family, two weights',
    body: 'A bold weight for titles and a regular one for text is enough; more fonts look like more brands.',
  },
];
