/**
 * Event-name help for the editor: Segment's "Object Action" convention in Title Case, and
 * warnings on duplicates or near-duplicates of existing events ("Product Added" vs
 * "product_added" vs "Product Addded").
 */

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** Title Case: every word capitalised but small words in the middle. */
export function toTitleCase(text: string): string {
  const words = text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return words
    .map((word, i) => {
      const lower = word.toLowerCase();
      if (i > 0 && i < words.length - 1 && SMALL_WORDS.has(lower)) return lower;
      return lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join(' ');
}

// Verbs a button label usually starts with, and the past-tense action Segment names use.
const ACTIONS: Record<string, string> = {
  add: 'Added', buy: 'Purchased', purchase: 'Purchased', order: 'Ordered', checkout: 'Checkout Started',
  subscribe: 'Subscribed', signup: 'Signed Up', sign: 'Signed Up', register: 'Registered', login: 'Logged In',
  download: 'Downloaded', search: 'Searched', share: 'Shared', save: 'Saved', remove: 'Removed', delete: 'Deleted',
  view: 'Viewed', open: 'Opened', play: 'Played', watch: 'Watched', submit: 'Submitted', send: 'Sent',
  contact: 'Contact Requested', book: 'Booked', start: 'Started', try: 'Trial Started', get: 'Requested',
  apply: 'Applied', follow: 'Followed', like: 'Liked', compare: 'Compared', select: 'Selected', choose: 'Selected',
  read: 'Read', learn: 'Learn More Clicked', continue: 'Continued', next: 'Next Clicked',
};

/**
 * Labels that mean an event of Segment's specs (e-commerce, B2B SaaS), tried first, in order:
 * the name an analyst expects ("Add to cart" is "Product Added", not "Cart Added"). Data, not
 * code: a pattern on the whole cleaned label, lower case, and the spec's name.
 */
export const SPEC_EVENT_NAMES: readonly (readonly [RegExp, string])[] = [
  [/^(add|save) (it |this )?to (my )?(wish ?list|favou?rites)$|^(add to |save to )?wish ?list$/, 'Product Added to Wishlist'],
  [/^(add|put)( it| this| item| product)? (to|in|into) (the |my |your )?(cart|bag|basket|trolley)$|^add$|^buy$/, 'Product Added'],
  [/^remove( it| this| item| product)?( from (the |my |your )?(cart|bag|basket))?$/, 'Product Removed'],
  [/^(proceed to |go to |start )?checkout$|^check out$/, 'Checkout Started'],
  [/^(place|complete|confirm|submit) (my |your )?(order|purchase)$|^(buy|pay|order) now$|^pay$/, 'Order Completed'],
  [/^(apply|redeem) (a |the )?(coupon|promo|discount|voucher)( code)?$/, 'Coupon Entered'],
  [/^(sign ?up|register|create (an |your |my )?account|get started|join( now| free)?)( free| now| for free)?$/, 'Signed Up'],
  [/^(log ?in|sign ?in)$/, 'Signed In'],
  [/^(log ?out|sign ?out)$/, 'Signed Out'],
  [/^(start|begin) (a |your |my )?(free )?trial$|^try( it)? (for )?free$/, 'Trial Started'],
  [/^(request|book|schedule|get) (a )?demo$/, 'Demo Requested'],
  [/^(contact|talk to|speak to|contact us|talk to) (us|sales|an expert)$|^contact( us)?$/, 'Contact Requested'],
  [/^search$/, 'Products Searched'],
];

/** How an element with a long label (a headline link) is named: by what it is. */
const KIND_NAMES: Record<string, string> = { a: 'Link', button: 'Button', img: 'Image', input: 'Field', select: 'Option', form: 'Form' };

/**
 * A suggested "Object Action" name for an element with this label. A label starting with a
 * spec phrase gets the spec's name ("Add to cart" → "Product Added"); one starting with a
 * known verb becomes object + past-tense action ("Download the report" → "Report
 * Downloaded"); a long label (a headline) is named by the element's kind ("Link Clicked");
 * anything else gets a trigger ending ("Newsletter" → "Newsletter Clicked").
 */
export function suggestEventName(label: string, options: { trigger?: string; object?: string; tag?: string } = {}): string {
  const words = label
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5);
  const trigger = options.trigger ?? 'click';
  if (words.length === 0) return trigger === 'submit' ? 'Form Submitted' : trigger === 'pageview' ? 'Page Viewed' : trigger === 'scroll' ? 'Page Scrolled' : 'Element Clicked';
  const phrase = words.join(' ').toLowerCase();
  const spec = SPEC_EVENT_NAMES.find(([pattern]) => pattern.test(phrase));
  if (spec && !options.object) return spec[1];
  const verb = words[0]!.toLowerCase().replace(/'.*/, '');
  const action = ACTIONS[verb];
  if (action && options.object) return toTitleCase(`${options.object} ${action}`);
  if (action && words.length > 1) {
    const rest = words.slice(1).filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
    if (rest.length > 0 && action.split(' ').length === 1) return toTitleCase(`${rest.join(' ')} ${action}`);
  }
  const ending = trigger === 'submit' ? 'Submitted' : trigger === 'change' ? 'Changed' : trigger === 'visible' ? 'Viewed' : 'Clicked';
  // A headline is not an object name: "Scientists Find Water on Mars Clicked" says nothing.
  if (words.length >= 4 && !action) return `${KIND_NAMES[options.tag ?? ''] ?? 'Element'} ${ending}`;
  return toTitleCase(`${words.join(' ')} ${ending}`);
}

/** True when a name follows "Object Action" Title Case (two words or more, each capitalised). */
export function isTitleCaseName(name: string): boolean {
  return name.trim() === toTitleCase(name) && name.trim().split(/\s+/).length >= 2;
}

/** Letters and digits only, lower case: "Product_Added" and "product added" are the same key. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Edit distance, capped at `max + 1` (cheap for short names). */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(value);
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** A warning about an event name compared with the site's other event names. */
export interface NameWarning {
  kind: 'duplicate' | 'near-duplicate' | 'style';
  message: string;
  /** The existing name it collides with. */
  other?: string;
}

/**
 * Checks `name` against `existing` event names (the tag being edited excluded by the
 * caller): the same name is a duplicate (fine if intended: two buttons, one event), the
 * same letters or a small typo apart is a near-duplicate, which is usually a mistake.
 */
export function checkEventName(name: string, existing: readonly string[]): NameWarning[] {
  const warnings: NameWarning[] = [];
  const trimmed = name.trim();
  if (!trimmed) return warnings;
  const key = nameKey(trimmed);
  const seen = new Set<string>();
  for (const other of existing) {
    if (seen.has(other)) continue;
    seen.add(other);
    if (other.trim() === trimmed) {
      warnings.push({ kind: 'duplicate', other, message: `another tag already sends "${other}"` });
    } else {
      const otherKey = nameKey(other);
      if (otherKey === key || (key.length >= 5 && editDistance(key, otherKey, 2) <= 2)) {
        warnings.push({ kind: 'near-duplicate', other, message: `close to the existing event "${other}": use the same name if it is the same event` });
      }
    }
  }
  if (!isTitleCaseName(trimmed)) {
    warnings.push({ kind: 'style', message: `Segment recommends "Object Action" in Title Case, e.g. "${toTitleCase(trimmed).split(' ').length >= 2 ? toTitleCase(trimmed) : 'Product Added'}"` });
  }
  return warnings;
}
