import { describe, expect, it } from 'vitest';
import {
  BackgroundRequestSchema,
  isFromContentScript,
  isFromExtensionPage,
  parseMessage,
  PickerEventSchema,
  PickerRequestSchema,
  PickerResponseSchemas,
} from '../../../lib/messages';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;

describe('message schemas', () => {
  it.each([
    [BackgroundRequestSchema, { type: 'start-picking', tabId: 3 }, true],
    [BackgroundRequestSchema, { type: 'start-picking', tabId: -1 }, false],
    [BackgroundRequestSchema, { type: 'start-picking', tabId: 3, code: 'alert(1)' }, false],
    [BackgroundRequestSchema, { type: 'eval', tabId: 3 }, false],
    [PickerRequestSchema, { type: 'picker:start', purpose: 'property', requestId: 'p1' }, true],
    [PickerRequestSchema, { type: 'picker:start', purpose: 'anything' }, false],
    [PickerRequestSchema, { type: 'picker:count', targets: [{ selector: '.a' }, null] }, true],
    [PickerRequestSchema, { type: 'picker:count', targets: [{ selector: 'a[' }] }, false],
    [PickerRequestSchema, { type: 'picker:highlight', target: { selector: '.a' }, scroll: true }, true],
    [PickerRequestSchema, { type: 'picker:highlight', target: null }, true],
    [PickerRequestSchema, { type: 'picker:highlight', selector: '.a' }, false],
    [PickerEventSchema, { type: 'picker:picked', url: 'https://x/', locator: { selector: '#b' }, count: 1, element: { tag: 'button', text: 'Buy', isForm: false, attributes: ['id'] } }, true],
    [PickerEventSchema, { type: 'picker:picked', url: 'https://x/', locator: { selector: '#b', extra: 1 }, count: 1, element: { tag: 'button', text: 'Buy', isForm: false, attributes: [] } }, false],
    [PickerEventSchema, { type: 'picker:property-refused', reason: 'password' }, true],
    [PickerResponseSchemas['picker:count'], { counts: [1, 0, -1] }, true],
    [PickerResponseSchemas['picker:count'], { counts: [1.5] }, false],
  ])('%#: %j → valid %s', (schema, message, valid) => {
    expect(parseMessage(schema as never, message) !== undefined).toBe(valid);
  });
});

describe('sender guards', () => {
  it.each([
    [{ id: ID, url: `${ORIGIN}/sidepanel.html` }, true],
    [{ id: ID, url: `${ORIGIN}/popup.html` }, true],
    [{ id: ID, url: 'https://evil.example/', tab: { id: 4 } }, false], // our content script, not a page of ours
    [{ id: 'otherextensionidotherextensionid', url: `${ORIGIN}/popup.html` }, false],
    [{ id: ID }, false],
  ])('extension page %j → %s', (sender, expected) => expect(isFromExtensionPage(sender, ID, ORIGIN)).toBe(expected));

  it.each([
    [{ id: ID, url: 'https://shop.example/', tab: { id: 4 } }, undefined, true],
    [{ id: ID, url: 'https://shop.example/', tab: { id: 4 } }, 4, true],
    [{ id: ID, url: 'https://shop.example/', tab: { id: 4 } }, 5, false],
    [{ id: ID, url: `${ORIGIN}/sidepanel.html`, tab: { id: 4 } }, undefined, false],
    [{ id: ID, url: `${ORIGIN}/sidepanel.html` }, undefined, false],
    [{ id: 'x', url: 'https://shop.example/', tab: { id: 4 } }, undefined, false],
  ])('content script %j for tab %s → %s', (sender, tabId, expected) => expect(isFromContentScript(sender, ID, tabId)).toBe(expected));
});
