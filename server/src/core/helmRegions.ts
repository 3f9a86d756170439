import { proseRegionsWithin } from './inlineExclusions';
import { maskSpans, mergeRegions, subtractSpans } from './masking';
import type { Region } from './region';
import { yamlRegions } from './yamlRegions';

// A template action, `{{ ... }}` or `{{- ... -}}`; a comment action is `{{/* ... */}}` (with optional dashes).
const ACTION = /\{\{-?\s*(\/\*[\s\S]*?\*\/)?[\s\S]*?-?\}\}/g;

/**
 * Regions of a Helm chart template: the YAML around the template actions, read as YAML (comments, prose values),
 * and the text of `{{/* comments *\/}}`. The actions themselves are code: they are masked before the YAML is read.
 */
export function helmRegions(text: string): Region[] {
  const actions: { start: number; end: number }[] = [];
  const comments: Region[] = [];
  ACTION.lastIndex = 0;
  for (const action of text.matchAll(ACTION)) {
    const start = action.index;
    actions.push({ start, end: start + action[0].length });
    const comment = action[1];
    if (comment) {
      const commentStart = start + action[0].indexOf(comment);
      proseRegionsWithin(text, commentStart + 2, commentStart + comment.length - 2, 'comment', comments);
    }
  }
  return mergeRegions(subtractSpans(yamlRegions(maskSpans(text, actions)), actions), comments);
}
