// Types for ./mathPreprocess.js, which stays JavaScript because svelte.config.js loads it in plain Node.
import type { PreprocessorGroup } from 'svelte/compiler';

export function mathPreprocess(options: { chapterDir: string; include: string[] }): PreprocessorGroup;
