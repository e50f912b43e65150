import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { Overlay } from '../../../components/overlay';
import { mountOverlayHost } from '../../../components/overlay/host';
import { createPickerController } from '../../../lib/picker/controller';
import { pickerLocators } from '../../../lib/picker/locators';

describe('the overlay view', () => {
  afterEach(() => {
    document.documentElement.querySelector('tagpoint-overlay')?.remove();
    document.body.innerHTML = '';
  });

  it('lives in a shadow root under <html>, with inline !important host styles, and shows the picked count', async () => {
    document.body.innerHTML = '<button class="buy">Buy</button><button class="buy">Buy</button>';
    const host = mountOverlayHost(document);
    expect(host.element.parentElement).toBe(document.documentElement);
    expect(host.element.getAttribute('style')).toContain('all: initial !important');
    const controller = createPickerController({ locators: pickerLocators, isOwnElement: (el) => el === host.element });
    await act(() => render(<Overlay controller={controller} win={window} />, host.container));
    expect(host.shadow.querySelector('.banner')).toBeNull();

    await act(() => controller.start('target'));
    expect(host.shadow.querySelector('.banner')?.textContent).toContain('Click the element to tag');

    await act(() => controller.pick(document.querySelector('.buy')!));
    expect(host.shadow.querySelector('[data-testid="match-count"]')?.textContent).toBe('Matches 1 element on this page');
    expect((host.shadow.querySelector('#tp-selector') as HTMLInputElement).value).not.toBe('');
    // Nothing of the overlay is in the page's light DOM.
    expect(document.body.querySelector('.card, .banner, .box')).toBeNull();
    controller.dispose();
  });
});
