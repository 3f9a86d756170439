// Word forms of a term's names, so that "decoding" and "decoded" find Decode, "quantized" finds Quantization,
// "stop sequence" finds Stop sequences and "tensor parallel" finds Tensor parallelism. Only the last word of a name
// is inflected (the head of an English noun phrase); plurals and possessives are left to the matcher's suffixes.

/** Forms of a name made by inflecting its last word; the name itself is not included. */
export function inflectedForms(name: string): string[] {
  const match = /^(.*?)([A-Za-z]+)$/.exec(name);
  if (!match) return [];
  const [, head, last] = match;
  if (last.length < 4 || /[A-Z]/.test(last.slice(1))) return []; // acronyms and mixed case (vLLM) stay as written
  return [...new Set(wordVariants(last.toLowerCase()))].filter((w) => w !== last.toLowerCase()).map((w) => head + w);
}

/** Variants of one lower-case word: its verb, noun and participle forms as the field writes them. */
export function wordVariants(word: string): string[] {
  const out: string[] = [];
  const verbForms = (base: string) => {
    out.push(base, ...participles(base));
  };
  const ize = /^(.+)i[sz]ation$/.exec(word);
  if (ize) {
    // quantization → quantize, quantise, quantized, quantizing; and the British spellings
    for (const z of ['z', 's']) {
      verbForms(`${ize[1]}i${z}e`);
      out.push(`${ize[1]}i${z}ation`);
    }
    return out;
  }
  if (/[^aeiou]ation$/.test(word) && word.length > 7) {
    verbForms(word.replace(/ation$/, 'ate')); // calibration → calibrate(d), disaggregation → disaggregate(d)
    return out;
  }
  if (/mption$/.test(word)) {
    verbForms(word.replace(/ion$/, '')); // preemption → preempt(ed|ing)
    return out;
  }
  if (word.endsWith('ism') && word.length > 6) {
    out.push(word.replace(/ism$/, '')); // parallelism → parallel ("tensor parallel size")
    return out;
  }
  if (word.endsWith('ing') && word.length > 5) {
    // batching → batch, batched; decoding → decode; sampling → sample; autoscaling → autoscale, autoscaler
    const stem = word.slice(0, -3);
    for (const base of [stem, `${stem}e`, undoubled(stem)]) if (base) verbForms(base);
    out.push(...[stem, `${stem}e`].map((b) => agentNoun(b)));
    return out;
  }
  if (word.endsWith('sequences') || /[^s]s$/.test(word)) {
    // a plural name: stop sequences → stop sequence; retries → retry
    out.push(word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.slice(0, -1));
    return out;
  }
  if (/[^aeiou]y$/.test(word)) {
    out.push(`${word.slice(0, -1)}ies`); // capability → capabilities, latency → latencies (-s alone cannot make them)
    return out;
  }
  if (/(?:ode|ill|ate|ize|ise|pt|ch|ll|ad|ff|ct|ue|ge|pe|le|re|te)$/.test(word)) {
    verbForms(word); // decode → decoded, decoding; prefill → prefilled, prefilling; preempt → preempted
  }
  return out;
}

function participles(base: string): string[] {
  if (base.endsWith('e')) return [`${base}d`, `${base.slice(0, -1)}ing`, `${base}s`];
  if (/[^aeiou]y$/.test(base)) return [`${base.slice(0, -1)}ied`, `${base}ing`, `${base.slice(0, -1)}ies`];
  return [`${base}ed`, `${base}ing`, /(?:s|x|z|ch|sh)$/.test(base) ? `${base}es` : `${base}s`];
}

/** "prefilling" → "prefill" is the stem itself; "planning" → "plan" needs the doubled consonant undone. */
function undoubled(stem: string): string | undefined {
  return /([^aeiouls])\1$/.test(stem) ? stem.slice(0, -1) : undefined;
}

function agentNoun(base: string): string {
  return base.endsWith('e') ? `${base}r` : `${base}er`;
}
