/**
 * Page-rule patterns (regex and glob) matched in time linear in the URL, whatever the
 * pattern: a pattern is parsed into a Thompson NFA and simulated over the input once, keeping
 * the set of live states (O(URL length × pattern states), no backtracking), so `(a+)+$`,
 * `(a|a)+$`, `a*a*a*a*a*b` or `/**a**a**a**b` cost what `abc` costs. The browser's own
 * RegExp is never used on a config's pattern: its backtracking is what froze tabs.
 *
 * The syntax is the regular part of JavaScript's: literals and escapes (`\d \w \s`, their
 * negations, `\t \n \r \f \v \0 \xHH \uHHHH` and escaped punctuation), `.`, classes with
 * ranges and negation, groups (`(…)`, `(?:…)`, `(?<name>…)`), alternation, the quantifiers
 * `* + ? {n} {n,} {n,m}` (lazy forms too: a test only asks whether there is a match), and
 * the anchors `^ $`. What needs backtracking or is not regular (backreferences, lookaround,
 * `\b`, Unicode properties) is refused, with the reason. One compiler for the strict parser,
 * the editor, the preview and the website runtime (lib/core/page-rules.ts).
 */

/** Most NFA states a pattern may compile to (a bound on the cost per URL character). */
export const MAX_PATTERN_STATES = 2000;

/** A compiled pattern, or why it cannot be. */
export type PatternResult = { ok: true; test: (input: string) => boolean } | { ok: false; reason: string };

type CharTest = (code: number) => boolean;
type Node =
  | { k: 'c'; t: CharTest }
  | { k: 'a'; end: boolean }
  | { k: 'seq' | 'alt'; xs: Node[] }
  | { k: 'rep'; x: Node; min: number; max: number };

/** An NFA state: a character test to `n`, an anchor to `n`, a split to `e`, or the end. */
interface State {
  id: number;
  t?: CharTest;
  a?: boolean;
  n?: State;
  e?: State[];
  end?: boolean;
}

const inRange = (lo: number, hi: number): CharTest => (c) => c >= lo && c <= hi;
const any = (...ts: CharTest[]): CharTest => (c) => ts.some((t) => t(c));
const not = (t: CharTest): CharTest => (c) => !t(c);
// Plain functions, no call at the top level: tagpoint.js imports this module but, built lean,
// uses none of it (page-rules.ts), and the minifiers keep any top-level call (even one marked
// pure inside an object) and a class's `extends` (that kept about 250 B of dead code in it).
const DIGIT: CharTest = (c) => c >= 48 && c <= 57;
const WORD: CharTest = (c) => DIGIT(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
// JavaScript's \s: white space and line terminators.
const SPACE: CharTest = (c) => (c >= 9 && c <= 13) || c === 32 || c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
const LINE: CharTest = (c) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const CONTROL: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, 0: 0 };
const CLASSES: Record<string, CharTest> = { d: DIGIT, D: (c) => !DIGIT(c), w: WORD, W: (c) => !WORD(c), s: SPACE, S: (c) => !SPACE(c) };

/** What parse and build throw when they refuse a pattern: the reason, told apart from a bug. */
interface Refused {
  refused: string;
}
const refuse = (refused: string): Refused => ({ refused });

/** Parses `src` into a tree; throws Refused with the reason. */
function parse(src: string): Node {
  let i = 0;
  const fail = (why: string): never => {
    throw refuse(`${why} at position ${i}`);
  };
  const peek = () => src[i];

  // One escape after the backslash: a class test or a single code.
  const escape = (inClass: boolean): CharTest | number => {
    const c = src[i++];
    if (c === undefined) return fail('the pattern ends with a backslash');
    if (CLASSES[c]) return CLASSES[c]!;
    if (c in CONTROL && !(c === '0' && DIGIT(src.charCodeAt(i)))) return CONTROL[c]!;
    if (c === 'x' || c === 'u') {
      const hex = c === 'x' ? src.slice(i, i + 2) : src.slice(i, i + 4);
      if (!/^[\da-f]+$/i.test(hex) || hex.length !== (c === 'x' ? 2 : 4)) return fail(`\\${c} needs ${c === 'x' ? 2 : 4} hex digits`);
      i += hex.length;
      return parseInt(hex, 16);
    }
    if (c === 'b' && inClass) return 8;
    if (/[1-9k]/.test(c)) return fail('backreferences are not supported (they need backtracking)');
    if (c === 'b' || c === 'B') return fail('word boundaries (\\b, \\B) are not supported');
    if (/[pPc]/.test(c)) return fail(`\\${c} is not supported`);
    if (/[a-zA-Z0-9]/.test(c)) return fail(`unknown escape \\${c}`);
    return c.charCodeAt(0);
  };

  const charClass = (): Node => {
    // After '['.
    const negate = peek() === '^';
    if (negate) i++;
    const tests: CharTest[] = [];
    while (peek() !== ']') {
      if (i >= src.length) return fail('a character class is not closed');
      let lo: CharTest | number = src[i] === '\\' ? (i++, escape(true)) : src.charCodeAt(i++);
      if (peek() === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
        i++;
        const hi: CharTest | number = src[i] === '\\' ? (i++, escape(true)) : src.charCodeAt(i++);
        if (typeof lo !== 'number' || typeof hi !== 'number') return fail('a range needs single characters at both ends');
        if (hi < lo) return fail('a range is out of order');
        tests.push(inRange(lo, hi));
        continue;
      }
      if (typeof lo === 'number') {
        const code = lo;
        lo = (c) => c === code;
      }
      tests.push(lo);
    }
    i++;
    const t = any(...tests);
    return { k: 'c', t: negate ? not(t) : t };
  };

  const atom = (): Node => {
    const c = src[i++]!;
    switch (c) {
      case '.':
        return { k: 'c', t: not(LINE) };
      case '^':
        return { k: 'a', end: false };
      case '$':
        return { k: 'a', end: true };
      case '[':
        return charClass();
      case '\\': {
        const e = escape(false);
        return { k: 'c', t: typeof e === 'number' ? (x) => x === e : e };
      }
      case '(': {
        if (peek() === '?') {
          if (src.startsWith('?:', i)) i += 2;
          else if (/^\?<[A-Za-z_$][\w$]*>/.test(src.slice(i))) i = src.indexOf('>', i) + 1;
          else return fail('lookahead and lookbehind are not supported');
        }
        const inner = alternation();
        if (src[i++] !== ')') return fail('a group is not closed');
        return inner;
      }
      case ')':
        return fail('unmatched )');
      case '*':
      case '+':
      case '?':
        return fail('nothing to repeat');
      case '{':
        if (/^\d+(,\d*)?\}/.test(src.slice(i))) return fail('nothing to repeat');
    }
    const code = c.charCodeAt(0);
    return { k: 'c', t: (x) => x === code };
  };

  const quantified = (): Node => {
    let x = atom();
    for (;;) {
      const c = peek();
      let min: number;
      let max: number;
      if (c === '*') (min = 0), (max = Infinity), i++;
      else if (c === '+') (min = 1), (max = Infinity), i++;
      else if (c === '?') (min = 0), (max = 1), i++;
      else {
        const m = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i)) : null;
        if (!m) return x;
        min = Number(m[1]);
        max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
        if (max < min) return fail('numbers out of order in a {} quantifier');
        if (min > 1000 || (max !== Infinity && max > 1000)) return fail('a {} quantifier may repeat at most 1000 times');
        i += m[0].length;
      }
      if (x.k === 'a') return fail('an anchor cannot be repeated');
      if (x.k === 'rep' && src[i - 1] !== ')') return fail('nothing to repeat');
      if (peek() === '?') i++; // lazy: the same for a test
      x = { k: 'rep', x, min, max };
      // A second quantifier right after is a syntax error in JavaScript (a** or a+*).
      if (/^[*+?]/.test(src.slice(i)) || /^\{\d+(,\d*)?\}/.test(src.slice(i))) return fail('nothing to repeat');
    }
  };

  const sequence = (): Node => {
    const xs: Node[] = [];
    while (i < src.length && peek() !== '|' && peek() !== ')') xs.push(quantified());
    return { k: 'seq', xs };
  };

  function alternation(): Node {
    const xs = [sequence()];
    while (peek() === '|') i++, xs.push(sequence());
    return xs.length === 1 ? xs[0]! : { k: 'alt', xs };
  }

  const tree = alternation();
  if (i < src.length) fail('unmatched )');
  return tree;
}

/** Builds the NFA of `tree` ending in `end`; throws Refused past MAX_PATTERN_STATES. */
function build(tree: Node, end: State): { start: State; count: number } {
  let count = 1;
  const state = (s: Omit<State, 'id'>): State => {
    if (++count > MAX_PATTERN_STATES) throw refuse(`the pattern is too large (over ${MAX_PATTERN_STATES} states once its repeats are counted)`);
    return { id: count - 1, ...s };
  };
  const compile = (x: Node, next: State): State => {
    switch (x.k) {
      case 'c':
        return state({ t: x.t, n: next });
      case 'a':
        return state({ a: x.end, n: next });
      case 'seq':
        return x.xs.reduceRight((n, y) => compile(y, n), next);
      case 'alt':
        return state({ e: x.xs.map((y) => compile(y, next)) });
      case 'rep': {
        let s = next;
        if (x.max === Infinity) {
          const loop = state({ e: [] });
          loop.e!.push(compile(x.x, loop), next);
          s = loop;
        } else for (let k = x.min; k < x.max; k++) s = state({ e: [compile(x.x, s), next] });
        for (let k = 0; k < x.min; k++) s = compile(x.x, s);
        return s;
      }
    }
  };
  const start = compile(tree, end);
  return { start, count };
}

/**
 * Compiles a regular expression (JavaScript syntax, no flags) to a test that finds a match
 * anywhere in its input, as `RegExp.prototype.test` would, in linear time.
 */
export function compilePattern(source: string): PatternResult {
  let start: State;
  let count: number;
  const end: State = { id: 0, end: true };
  try {
    ({ start, count } = build(parse(source), end));
  } catch (error) {
    if ((error as Partial<Refused>)?.refused) return { ok: false, reason: (error as Refused).refused };
    // A pattern nested deep enough to overflow the parser's stack.
    return { ok: false, reason: 'the pattern is nested too deeply' };
  }
  // The NFA is simulated through a cache of its state sets (a lazily built DFA, as RE2 does):
  // a set met before costs one lookup per character, a new one one pass over the NFA.
  // The cache is bounded: past MAX_CACHED sets it starts afresh, still linear per character.
  let cache = new Map<string, DState>();
  const seen = new Uint32Array(count);
  let generation = 0;
  const closure = (seeds: State[], atStart: boolean, atEnd: boolean): DState => {
    generation++;
    const list: State[] = [];
    const ends: State[] = [];
    let found = false;
    const stack = seeds.slice();
    while (stack.length) {
      const x = stack.pop()!;
      if (seen[x.id] === generation) continue;
      seen[x.id] = generation;
      if (x.end) found = true;
      else if (x.e) for (let k = x.e.length; k--; ) stack.push(x.e[k]!);
      else if (x.a === true) atEnd ? stack.push(x.n!) : ends.push(x);
      else if (x.a === false) atStart && stack.push(x.n!);
      else list.push(x);
    }
    const key = list.map((x) => x.id).join() + '/' + ends.map((x) => x.id).join() + (found ? '!' : '');
    let d = cache.get(key);
    if (!d) {
      if (cache.size >= MAX_CACHED) cache = new Map();
      cache.set(key, (d = { list, ends, found, ascii: [], other: new Map() }));
    }
    return d;
  };
  return {
    ok: true,
    test(input) {
      let d = closure([start], true, input.length === 0);
      for (let pos = 0; pos < input.length; pos++) {
        if (d.found) return true;
        const c = input.charCodeAt(pos);
        let n = c < 128 ? d.ascii[c] : d.other.get(c);
        if (!n) {
          const seeds = d.list.filter((x) => x.t!(c)).map((x) => x.n!);
          // Unanchored: a match may begin at any position.
          seeds.push(start);
          n = closure(seeds, false, false);
          c < 128 ? (d.ascii[c] = n) : d.other.set(c, n);
        }
        d = n;
      }
      // At the end `$` holds: the sets waiting on it go on.
      return d.found || closure(d.ends.map((x) => x.n!), input.length === 0, true).found;
    },
  };
}

/** A cached set of NFA states: what consumes a character, what waits on `$`, and its moves. */
interface DState {
  list: State[];
  ends: State[];
  found: boolean;
  ascii: (DState | undefined)[];
  other: Map<number, DState>;
}

/** Most state sets kept per pattern. */
const MAX_CACHED = 500;

/**
 * A glob as a pattern: `*` any run of characters but `/`, `**` any run at all, `?` one
 * character, everything else literal, the whole input matched.
 */
export function globSource(glob: string): string {
  return `^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*|\*|\?/g, (m) => (m === '?' ? '.' : m === '*' ? '[^/]*' : '.*'))}$`;
}
