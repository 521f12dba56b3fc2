/**
 * The essay's title and chapters in reading order. Chapter files are named `NN-<slug>.svelte` with
 * NN their position here, so file-name order (which numbers the equations) is reading order.
 */
export const essayTitle = 'The neural tangent kernel';
export const essaySubtitle = 'What a network learns while its features stand still';

export const outline = [
  { slug: 'linearisation', title: 'Linearisation and the tangent kernel' },
  { slug: 'infinite-width', title: 'Infinite width: the kernel stops being random' },
  { slug: 'frozen-kernel', title: 'A frozen kernel makes training linear' },
  { slug: 'spectrum', title: 'The spectrum of learning' },
  { slug: 'lazy-vs-rich', title: 'Lazy versus rich training' },
  { slug: 'what-survives', title: 'What survives' },
] as const;

export type ChapterSlug = (typeof outline)[number]['slug'];
