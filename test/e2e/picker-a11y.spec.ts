/** axe-core on the extension's own pages: no serious or critical violation. */
import { expect, extensionUrl, test } from './fixtures';
import { PickerOverlay, SidePanel, tabIdOf } from './pages/tagging';
import { axeViolations, seriousViolations } from './support/axe';

test.describe('accessibility', () => {
  test('the popup has no serious axe violation', async ({ page, extensionId }) => {
    await page.goto(extensionUrl(extensionId, 'popup.html'));
    await expect(page.getByRole('button', { name: 'Start tagging' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the side panel, with its list and an open editor, has no serious axe violation', async ({ context, page, site, extensionId, serviceWorker }) => {
    await page.goto(site.url('/shop/'));
    const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
    await expect(panel.pageUrl).toHaveText(page.url());
    expect(await seriousViolations(panel.page)).toEqual([]);

    await panel.startButton.click();
    await page.bringToFront();
    await new PickerOverlay(page).pick(page.locator('#newsletter'));
    await expect(panel.eventName).toBeVisible();
    await panel.addProperty.click();
    await panel.addProperty.click();
    await panel.property(1).getByLabel('Source').selectOption('static');
    await panel.page.getByLabel('Custom rules').check();
    expect(await seriousViolations(panel.page)).toEqual([]);
    await panel.page.close();
  });

  test('the overlay card has no serious axe violation', async ({ context, page, site, extensionId, serviceWorker }) => {
    await page.goto(site.url('/shop/'));
    const panel = await SidePanel.open(context, extensionId, await tabIdOf(serviceWorker, page.url()));
    await panel.startButton.click();
    await page.bringToFront();
    const overlay = new PickerOverlay(page);
    await overlay.pick(page.locator('#newsletter'));
    await expect(overlay.card).toBeVisible();
    expect(await axeViolations(page, { include: 'tagpoint-overlay', impacts: ['serious', 'critical'] })).toEqual([]);
    await panel.page.close();
  });
});
