// On a phone a swipe over a chart scrolls the page (issue #18, defect 2): it used to zoom the y-axis (0–56,771 to
// 11,354–45,417 in the report) and keep the page where it was. Touch is sent through the DevTools protocol, as a
// finger would: touchStart, ten moves upwards, touchEnd.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, waitReady } from './support.mjs';

let app;
before(async () => {
  app = await startApp({ browserOptions: { hasTouch: true, isMobile: true, viewport: { width: 375, height: 740 } } });
});
after(async () => { await app?.close(); });

const axes = (page) => page.evaluate(() => {
  const layout = document.querySelector('.chart')._fullLayout;
  return { x: layout.xaxis.range.slice(), y: layout.yaxis.range.slice(), scroll: window.scrollY,
    toolbar: document.querySelectorAll('.chart .modebar-btn').length };
});

test('a vertical swipe over a chart scrolls the page and leaves the axes alone', async () => {
  const page = await app.browser.newPage();
  await page.goto(`${app.baseUrl}/?page=trends`);
  await waitReady(page);
  const chart = page.locator('.chart').first();
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  const before = await axes(page);
  const cdp = await page.context().newCDPSession(page);
  const x = box.x + box.width / 2;
  const from = box.y + box.height * 0.7;
  const to = box.y + box.height * 0.2;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: from }] });
  for (let i = 1; i <= 10; i += 1) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: from + ((to - from) * i) / 10 }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForFunction((y) => window.scrollY > y + 50, before.scroll, { timeout: 5000 });
  const after = await axes(page);
  assert.deepEqual(after.y, before.y, 'the y-axis kept its range');
  assert.deepEqual(after.x, before.x, 'the x-axis kept its range');
  assert.equal(after.toolbar, 0, 'no toolbar over the legend on a touch screen');
  await page.close();
});
