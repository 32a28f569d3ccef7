// The HTML report in headless Chromium: embeds each fragment in a small host page whose
// Content-Security-Policy allows nothing but the fragment's own stylesheet (by its hash), takes
// full-page screenshots at 360 px and 1200 px wide, fails on any request the page makes, any
// CSP violation, or any serious axe-core finding.
// Usage: node report.mjs OUT_DIR FRAGMENT.html...   (each fragment named report-LOCALE.html)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const [out, ...fragments] = process.argv.slice(2);
if (!out || fragments.length === 0) throw new Error('usage: node report.mjs OUT_DIR FRAGMENT.html...');
mkdirSync(out, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let failures = 0;
const fail = (message) => { failures += 1; console.error(`FAILED: ${message}`); };

function hostPage(fragment, lang) {
  const style = /<style>([\s\S]*?)<\/style>/.exec(fragment);
  const hash = style ? createHash('sha256').update(style[1], 'utf8').digest('base64') : '';
  const policy = `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'`;
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${policy}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>Report</title></head><body><main>${fragment}</main></body></html>`;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const file of fragments) {
    const name = basename(file, '.html');
    const lang = /-(\w+)$/.exec(name)?.[1] ?? 'en';
    const html = hostPage(readFileSync(file, 'utf8'), lang);
    const hostFile = join(out, `${name}.host.html`);
    writeFileSync(hostFile, html);
    for (const width of [360, 1200]) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false });
      const page = await context.newPage();
      const requests = [];
      page.on('request', (request) => { if (!request.url().startsWith('file:')) requests.push(request.url()); });
      page.on('console', (message) => { if (/Content.Security.Policy/i.test(message.text())) fail(`${name}: ${message.text()}`); });
      await page.goto(`file://${hostFile}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) fail(`${name} at ${width} px: the page is ${overflow} px wider than the window`);
      await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true });
      for (const url of requests) fail(`${name}: the page requested ${url}`);
      await context.close();
    }
    // axe needs its own script, so this context lets the page's policy pass.
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`file://${hostFile}`);
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document.querySelector('.rc-report'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
    });
    writeFileSync(join(out, `${name}.axe.json`), JSON.stringify(violations, null, 2));
    for (const v of violations) {
      const line = `axe ${name}: ${v.impact} ${v.id} (${v.help}) on ${v.nodes} node(s)`;
      if (v.impact === 'serious' || v.impact === 'critical') fail(line); else console.log(line);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
if (failures > 0) process.exit(1);
console.log(`report pages checked: ${fragments.length}, screenshots in ${out}`);
