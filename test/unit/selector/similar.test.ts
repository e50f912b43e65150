/**
 * "All similar" finds the set a person means (issue 17, item 3): the repeated item (card,
 * row, list item) found structurally, the same control in every item, nothing else in any
 * item. Fixtures in test/fixtures/sites/similar/ (also served to the e2e test).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { findSimilar } from '../../../lib/selector';

const dir = path.resolve(__dirname, '../../fixtures/sites/similar');
function load(name: string) {
  const html = readFileSync(path.join(dir, name), 'utf8');
  document.documentElement.innerHTML = html.replace(/^<!doctype html>/i, '');
}
const all = (css: string) => Array.from(document.querySelectorAll(css));

function expectSet(el: Element, expected: Element[]) {
  const similar = findSimilar(el);
  expect(similar.elements).toEqual(expected);
  expect(all(similar.selector)).toEqual(expected);
  return similar;
}

describe('findSimilar on app pages', () => {
  describe('a CSS-modules card grid', () => {
    beforeEach(() => load('cards.html'));
    it("Add to cart: every card's, not its wishlist button, not the newsletter button", () => {
      const adds = all('.Card_actions__Q0q1e > button:first-child');
      expect(adds).toHaveLength(6);
      expectSet(adds[3]!, adds);
    });
    it("the wishlist button: every card's", () => {
      const wish = all('[aria-label="Save to wishlist"]');
      expectSet(wish[0]!, wish);
    });
    it("a card's title and price, also on the card with a badge before them", () => {
      expectSet(all('h3')[2]!, all('h3'));
      expectSet(all('.Card_price__77aQw')[0]!, all('.Card_price__77aQw'));
    });
  });

  describe('a Tailwind table', () => {
    beforeEach(() => load('table.html'));
    it('a row button: that button in all 35 rows, not both buttons of one row', () => {
      const views = all('tbody tr td:last-child button:first-child');
      expect(views).toHaveLength(35);
      expectSet(views[7]!, views);
      const refunds = all('tbody tr td:last-child button:last-child');
      expectSet(refunds[0]!, refunds);
    });
    it('a cell: that column in every row', () => {
      const ids = all('tbody tr td:first-child');
      expectSet(ids[4]!, ids);
    });
    it('a sidebar link: the three links', () => {
      expectSet(all('aside a')[1]!, all('aside a'));
    });
  });

  describe('a navigation list whose items carry their own classes', () => {
    beforeEach(() => load('nav.html'));
    it('a link: every link of the list, none of the stories', () => {
      const links = all('#orb-nav-links ul > li > a');
      expect(links.length).toBeGreaterThan(20);
      const similar = expectSet(links[1]!, links);
      expect(similar.count).toBe(links.length);
    });
  });

  it('an element with no repeated structure around it is alone', () => {
    load('cards.html');
    const similar = findSimilar(document.querySelector('h1')!);
    expect(similar.count).toBe(1);
  });
});
