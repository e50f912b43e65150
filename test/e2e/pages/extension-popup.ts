import type { Locator, Page } from '@playwright/test';
import { extensionUrl } from '../fixtures';

/**
 * The extension's action popup, opened as a tab (`chrome-extension://<id>/popup.html`):
 * Playwright cannot click the toolbar icon, so tests open the page directly.
 * Page objects wrap a page's locators and actions; tests keep the assertions.
 */
export class ExtensionPopup {
  readonly heading: Locator;

  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {
    this.heading = page.getByRole('heading', { level: 1 });
  }

  get url(): string {
    return extensionUrl(this.extensionId, 'popup.html');
  }

  async open(): Promise<this> {
    await this.page.goto(this.url);
    return this;
  }
}
