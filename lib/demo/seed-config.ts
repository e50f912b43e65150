import type { TagConfig } from '../config';

/**
 * The config `npm start` publishes on first run, so events reach the collector before anyone
 * has tagged anything: "Product Added" on every product card's button (with the product's id,
 * name and price read from its own card) and "Signed Up" on the signup form. Written the way
 * the picker would write them: plain CSS selectors on the shop's real markup.
 */
export function demoSeedConfig(siteId = 'demo'): TagConfig {
  return {
    version: 1,
    site: siteId,
    revision: 0,
    tags: [
      {
        id: 'product-added',
        event: 'Product Added',
        trigger: 'click',
        target: { selector: '.ProductCard_card__x7Hq2 > button' },
        properties: [
          { name: 'product_id', source: 'attribute', attribute: 'data-product-id', selector: '[data-product-id]' },
          { name: 'name', source: 'text', selector: '.ProductCard_title__3kLmz' },
          { name: 'price', source: 'text', selector: '.ProductCard_price__9QwE1', transform: 'number' },
          { name: 'page', source: 'url', part: 'path' },
        ],
        enabled: true,
        description: 'Seeded by npm start: "Add to cart" on a product card.',
      },
      {
        id: 'signed-up',
        event: 'Signed Up',
        trigger: 'submit',
        target: { selector: 'form.Form_form__m6Tj3' },
        pages: [{ match: 'path-exact', value: '/signup' }],
        properties: [{ name: 'plan', source: 'value', selector: 'select[name=plan]' }],
        enabled: true,
        description: 'Seeded by npm start: the signup form (its own handler stops propagation).',
      },
    ],
  };
}
