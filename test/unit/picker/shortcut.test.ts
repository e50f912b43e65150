import { describe, expect, it } from 'vitest';
import { DEFAULT_SHORTCUT, shortcutHint } from '../../../lib/popup/shortcut';

describe('shortcutHint', () => {
  it('shows the shortcut in effect, the user\'s own included', () => {
    expect(shortcutHint([{ name: '_execute_action', shortcut: '' }, { name: 'start-tagging', shortcut: 'Ctrl+Shift+Y' }])).toBe('Shortcut: Ctrl+Shift+Y');
  });
  it('says how to set one when the browser left it unset', () => {
    expect(shortcutHint([{ name: 'start-tagging', shortcut: '' }])).toMatch(/^No shortcut set: .*chrome:\/\/extensions\/shortcuts/);
    expect(shortcutHint([])).toMatch(/^No shortcut set/);
  });
  it('shows the default before the browser answered', () => {
    expect(shortcutHint(undefined)).toBe(`Shortcut: ${DEFAULT_SHORTCUT}`);
  });
});
