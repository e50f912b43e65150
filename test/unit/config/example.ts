import type { TagConfig } from '../../../lib/config';

/** The example config of docs/DESIGN.md, verbatim. */
export function designExample(): TagConfig {
  return {
    version: 1,
    site: 'shop',
    revision: 3,
    tags: [
      {
        id: 't1',
        event: 'Product Added',
        trigger: 'click',
        target: { selector: '[data-testid=add-to-cart]' },
        pages: [{ match: 'path-prefix', value: '/products/' }],
        properties: [
          { name: 'product', source: 'text', selector: 'h2.title' },
          { name: 'placement', source: 'static', value: 'grid' },
        ],
        enabled: true,
      },
    ],
  };
}

/** A deep copy of the example with one edit applied. */
export function withEdit(edit: (config: any) => void): unknown {
  const config = structuredClone(designExample()) as any;
  edit(config);
  return config;
}
