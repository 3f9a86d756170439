import type { Parser } from 'yaml';
import type { CommentSyntax } from '../../shared/languages';
import { commentRegions } from './commentRegions';
import { proseRegionsWithin } from './inlineExclusions';
import { onFirstUse } from './onFirstUse';
import type { Region } from './region';

interface CstToken {
  type?: string;
  offset?: number;
  source?: string;
  [key: string]: unknown;
}

const yamlParserClass = onFirstUse(() => (require('yaml') as { Parser: typeof Parser }).Parser);
const QUOTED = new Set(['single-quoted-scalar', 'double-quoted-scalar']);
/** Keys whose values are commands or scripts (Kubernetes, Compose, CI, SkyPilot): code, but for their # comments. */
const CODE_KEYS = new Set([
  'command',
  'args',
  'script',
  'scripts',
  'run',
  'setup',
  'entrypoint',
  'cmd',
  'exec',
  'before_script',
  'after_script',
  'shell',
  'init',
  'initScript',
  'startupScript',
  'postStart',
  'preStop',
]);
const SHELL: CommentSyntax = { line: ['#'], block: [], quotes: ['"', "'"], commentAtWordStart: true };

interface Frame {
  node: CstToken;
  isKey: boolean;
  /** Inside the value of a command or script key. */
  code: boolean;
  /** The value of `kind:` — a Kubernetes kind such as DaemonSet. */
  kind: boolean;
}

/**
 * Regions of a YAML document from the `yaml` library's concrete syntax tree: every comment; block scalars
 * (`description: |` paragraphs) and flow scalar values that read like prose (three words or more); the value of
 * `kind:`. Keys and identifiers such as `kv_cache_dtype: fp8` are never regions, and neither are commands and
 * scripts — values of `command:`, `args:`, `script:` and the like, or block scalars that read like shell — where only
 * the script's own `#` comments are prose. The walk keeps its own stack, so nesting depth cannot overflow it.
 */
export function yamlRegions(text: string): Region[] {
  const regions: Region[] = [];
  const stack: Frame[] = [];
  const tokens = [...new (yamlParserClass())().parse(text)] as unknown as CstToken[];
  for (let i = tokens.length - 1; i >= 0; i--) stack.push({ node: tokens[i], isKey: false, code: false, kind: false });
  while (stack.length > 0) {
    const frame = stack.pop()!;
    regionsOfToken(frame, text, regions);
    pushChildren(frame, stack);
  }
  regions.sort((a, b) => a.start - b.start);
  return regions;
}

function regionsOfToken({ node, isKey, code, kind }: Frame, text: string, out: Region[]): void {
  const { type, offset, source } = node;
  if (typeof offset !== 'number' || typeof source !== 'string') return;
  if (type === 'comment') {
    proseRegionsWithin(text, offset + 1, offset + source.length, 'comment', out);
  } else if (!isKey && !code && (type === 'scalar' || QUOTED.has(type ?? ''))) {
    if (kind || readsLikeProse(source)) {
      const quote = QUOTED.has(type ?? '') ? 1 : 0;
      proseRegionsWithin(text, offset + quote, offset + source.length - quote, 'string', out);
    }
  } else if (type === 'block-scalar') {
    // The token's offset is its `|` / `>` header; its source is the content that follows the header line.
    const props = (node.props as CstToken[] | undefined) ?? [];
    const last = props[props.length - 1];
    const bodyStart = last && typeof last.offset === 'number' ? last.offset + (last.source?.length ?? 0) : offset;
    const bodyEnd = bodyStart + source.length;
    if (code || readsLikeScript(source)) {
      for (const comment of commentRegions(text.slice(bodyStart, bodyEnd), SHELL)) {
        out.push({ start: comment.start + bodyStart, end: comment.end + bodyStart, kind: 'comment' });
      }
    } else proseRegionsWithin(text, bodyStart, bodyEnd, 'string', out);
  }
}

/** Children in document order (pushed reversed), each knowing whether it is a key, code, or a kind. */
function pushChildren({ node, code, kind }: Frame, stack: Frame[]): void {
  const key = node.key as CstToken | undefined;
  const keyName = key && typeof key.source === 'string' ? key.source : undefined;
  const codeValue =
    code || (keyName !== undefined && (CODE_KEYS.has(keyName) || /\.(?:sh|bash|py|js|ps1)$/.test(keyName)));
  const children: Frame[] = [];
  for (const name in node) {
    if (name === 'source' || !Object.prototype.hasOwnProperty.call(node, name)) continue;
    const value = node[name];
    const childCode = name === 'value' ? codeValue : code;
    const childKind = name === 'value' ? keyName === 'kind' : kind;
    if (Array.isArray(value)) {
      for (const item of value)
        if (item && typeof item === 'object')
          children.push({ node: item as CstToken, isKey: false, code: childCode, kind: childKind });
    } else if (value && typeof value === 'object') {
      children.push({ node: value as CstToken, isKey: name === 'key', code: childCode, kind: childKind });
    }
  }
  for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
}

/**
 * Three or more whitespace-separated words made of letters: "Keeps the KV cache warm" is prose; "fp8",
 * "x # y", an image reference or an expression such as `sum(vllm:num_requests_waiting)` is not.
 */
function readsLikeProse(source: string): boolean {
  let words = 0;
  for (const token of source.split(/\s+/)) if (/^["'(]?\p{L}[\p{L}'\u2019-]*[.,;:!?)"']*$/u.test(token)) words++;
  return words >= 3;
}

// A line of a script: a shebang, a shell builtin or common program, an assignment, a pipe or a continuation.
const SCRIPT_LINE =
  /^\s*(?:#!|(?:set|export|echo|printf|if|then|else|fi|for|while|do|done|case|esac|cd|exec|source|eval|trap|sleep|wait|exit|return|python3?|pip3?|bash|sh|curl|wget|apt(?:-get)?|yum|kubectl|helm|mkdir|rm|cp|mv|ln|cat|chmod|chown|tar|git|nvidia-smi|vllm|sglang|ray|torchrun|accelerate|huggingface-cli|uv|conda|make|test)\b|[A-Za-z_][A-Za-z0-9_]*=|[[(]|\w[\w./-]*\s+--?\w)|(?:&&|\|\||\$\(|\$\{|\s\\)\s*$|\s(?:&&|\|\||\|)\s/;

/** A block scalar most of whose lines read like a script: code, whatever its key. */
function readsLikeScript(body: string): boolean {
  let lines = 0;
  let script = 0;
  for (const line of body.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || (trimmed.startsWith('#') && !trimmed.startsWith('#!'))) continue;
    lines++;
    if (SCRIPT_LINE.test(line)) script++;
  }
  return lines > 0 && script * 2 >= lines;
}
