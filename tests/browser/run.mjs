// Submits a complaint with a photo in headless Chromium with JavaScript off, follows it, replies,
// rates it; takes a screenshot of every page in every language; runs axe-core on each page and
// fails on any serious or critical violation; then works cases at the staff desk (desk.mjs).
// Usage: node run.mjs RECLAIMD ARTIFACT_DIR
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { deskScenario } from './desk.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [reclaimd, artifacts] = process.argv.slice(2);
if (!reclaimd || !artifacts) throw new Error('usage: node run.mjs RECLAIMD ARTIFACT_DIR');
mkdirSync(artifacts, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const languages = ['pl', 'en', 'ru'];
let failures = 0;
const fail = (message) => { failures += 1; console.error(`FAILED: ${message}`); };
const check = (condition, message) => { if (!condition) fail(message); };

// A real 8×8 PNG, made here so that the repository holds no binary file.
function png() {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const b of bytes) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0); header.writeUInt32BE(8, 4); header[8] = 8; header[9] = 2;
  const rows = Buffer.alloc(8 * 25, 0x80);
  for (let y = 0; y < 8; y += 1) rows[y * 25] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

// The test orders with their dates moved so that the last delivery was two days ago: reclaimd
// reads the real clock, and the withdrawal's 14 days must not have run out.
function recentOrders(dir) {
  const orders = JSON.parse(readFileSync(join(here, 'orders.json'), 'utf8'));
  const latest = Math.max(...orders.map((order) => Date.parse(order.delivered_at)));
  const shift = Date.now() - 2 * 86400000 - latest;
  const moved = (at) => new Date(Date.parse(at) + shift).toISOString().replace(/\.\d+Z$/, 'Z');
  for (const order of orders) {
    order.placed_at = moved(order.placed_at);
    order.delivered_at = moved(order.delivered_at);
  }
  const file = join(dir, 'orders.json');
  writeFileSync(file, JSON.stringify(orders));
  return file;
}

// reclaimd on a fresh SQLite file and a free port, with its staff console on stdin.
async function startHost(dir) {
  const config = {
    engine: { database: `sqlite:${join(dir, 'browser.db')}`,
      shops: [{ id: 'default', name: 'Browser Test Shop', jurisdiction: 'PL', timezone: 'Europe/Warsaw',
        currency: 'PLN', locale: 'pl' }] },
    http: { listen: '127.0.0.1:0', threads: 2, lookups_per_minute: 1000, submits_per_minute: 1000 },
    orders: [recentOrders(dir)],
  };
  writeFileSync(join(dir, 'reclaimd.json'), JSON.stringify(config));
  const child = spawn(reclaimd, ['--console', join(dir, 'reclaimd.json')], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffered = '';
  const waiters = [];
  child.stdout.on('data', (data) => {
    buffered += data;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const waiter = waiters.find((w) => w.test(line));
      if (waiter) { waiters.splice(waiters.indexOf(waiter), 1); waiter.resolve(line); }
    }
  });
  const next = (test) => new Promise((resolve, reject) => {
    waiters.push({ test, resolve });
    setTimeout(() => reject(new Error('reclaimd did not answer')), 20000);
  });
  const serving = await next((line) => line.includes(' serving '));
  const url = serving.slice(serving.indexOf('http://')).replace(/\/$/, '');
  // One console line, answered "ok {…}" (parsed) or "error {…}" (thrown).
  const command = async (text) => {
    const answer = next((line) => line.startsWith('ok ') || line.startsWith('error '));
    child.stdin.write(`${text}\n`);
    const line = await answer;
    if (!line.startsWith('ok ')) throw new Error(`reclaimd console: ${line}`);
    return JSON.parse(line.slice(3));
  };
  const staff = (ref, action) => command(`act ${ref} ${JSON.stringify({ actor: { role: 'agent', id: 'agent-1' }, ...action })}`);
  const link = async (member, path = '/staff/') => (await command(`link ${JSON.stringify({ staff: member, next: path })}`)).path;
  const policy = (shop, document) => command(`policy ${shop} ${JSON.stringify(document)}`);
  const stop = () => new Promise((resolve) => { child.on('exit', resolve); child.kill('SIGTERM'); });
  return { url, staff, link, policy, stop, child };
}

async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

async function audit(context, url, name, prepare) {
  const page = await context.newPage();
  await page.goto(url);
  if (prepare) await prepare(page);
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  });
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of serious) fail(`axe ${name}: ${v.impact} ${v.id} (${v.help}) on ${v.nodes} node(s)`);
  writeFileSync(join(artifacts, `${name}.axe.json`), JSON.stringify(result, null, 2));
  await page.close();
}

const dir = mkdtempSync(join(tmpdir(), 'reclaim-browser-'));
const host = await startHost(dir);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const photo = { name: 'kettle.png', mimeType: 'image/png', buffer: png() };
  // The customer's journey, in a browser with JavaScript switched off.
  const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await noScript.newPage();
  await page.goto(`${host.url}/?lang=en`);
  await page.getByRole('link', { name: 'Start' }).click();
  await page.getByLabel('Order number').fill('5001');
  await page.getByLabel('E-mail address').fill('jan@example.pl');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('#pick-0').check();
  await page.locator('#qty-0').fill('1');
  await page.locator('#reason-0').selectOption('defect');
  await page.getByLabel('Describe the problem').fill('The kettle leaks from the bottom.');
  await page.getByLabel('Photos or documents').setInputFiles(photo);
  await page.getByLabel('What would you prefer?').selectOption('replacement');
  await page.getByRole('button', { name: 'Send' }).click();
  check(await page.getByRole('heading', { name: 'Your case is registered' }).isVisible(), 'confirmation page');
  const number = (await page.locator('.facts strong').first().textContent()).trim();
  check(/^RC-\d{4}-\d{6}$/.test(number), `case number ${number}`);
  await page.getByRole('link', { name: 'Follow your case' }).click();
  const statusUrl = page.url().replace(/\?.*$/, '');
  check((await page.content()).includes('kettle.png'), 'the photo is listed on the status page');

  await host.staff(number, { action: 'request_info', message: 'Is the base cracked?' });
  await page.reload();
  check((await page.content()).includes('Is the base cracked?'), "the shop's question is shown");
  await page.getByLabel('Your message').fill('Yes, a crack near the plug.');
  await page.locator('#reply-photos').setInputFiles({ ...photo, name: 'crack.png' });
  await page.getByRole('button', { name: 'Send' }).click();
  check((await page.content()).includes('Yes, a crack near the plug.'), 'the reply is in the history');
  check((await page.content()).includes('crack.png'), 'the reply names its photo');

  await host.staff(number, { action: 'accept', resolution: { type: 'replacement' } });
  await host.staff(number, { action: 'fulfil', reference: 'SHIP-1' });
  await page.reload();
  await page.locator('label[for="score-5"]').click();
  await page.getByLabel('Comment (optional)').fill('Fast and friendly.');
  await page.getByRole('button', { name: 'Send rating' }).click();
  check((await page.content()).includes('5/5'), 'the rating is shown');

  // Lookup by number and e-mail leads to the same page.
  await page.goto(`${host.url}/?lang=en`);
  await page.getByLabel('Case number').fill(number);
  await page.getByLabel('E-mail address').fill('jan@example.pl');
  await page.getByRole('button', { name: 'Show my case' }).click();
  check(page.url().startsWith(statusUrl), 'lookup leads to the status page');

  // Every page in every language: screenshots (JavaScript off) and axe (a separate context).
  const withScript = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const fillOrder = async (p) => {
    await p.locator('#order').fill('5001');
    await p.locator('#email').fill('jan@example.pl');
    await p.locator('button[type=submit]').click();
  };
  const fillWithdraw = async (p) => {
    await p.locator('#name').fill('Jan Kowalski');
    await fillOrder(p);
  };
  for (const lang of languages) {
    const pages = [
      ['home', `${host.url}/?lang=${lang}`],
      ['new-order', `${host.url}/new?lang=${lang}`],
      ['new-items', `${host.url}/new?lang=${lang}`, fillOrder],
      ['status', `${statusUrl}?lang=${lang}`],
      ['confirmation', `${statusUrl}/confirmation?lang=${lang}`],
      ['withdraw', `${host.url}/withdraw?lang=${lang}`],
      ['withdraw-confirm', `${host.url}/withdraw?lang=${lang}`, fillWithdraw],
      ['not-found', `${host.url}/c/forged.token?lang=${lang}`],
    ];
    for (const [name, url, prepare] of pages) {
      const p = await noScript.newPage();
      await p.goto(url);
      if (prepare) await prepare(p);
      check((await p.getAttribute('html', 'lang')) === lang, `${name} is in ${lang}`);
      await shot(p, `${name}-${lang}`);
      await p.close();
      await audit(withScript, url, `${name}-${lang}`, prepare);
    }
  }
  // A decided complaint with amounts: a refund given where a replacement was asked for, the
  // shop's explanation, then the refund carried out under a reference.
  const d = await noScript.newPage();
  await d.goto(`${host.url}/new?lang=pl`);
  await fillOrder(d);
  await d.locator('#pick-1').check();
  await d.locator('#qty-1').fill('2');
  await d.locator('#reason-1').selectOption('defect');
  await d.locator('#resolution').selectOption('replacement');
  await d.locator('button[type=submit]').click();
  const decidedNumber = (await d.locator('.facts strong').first().textContent()).trim();
  await d.locator('a.button').click();
  const decidedUrl = d.url().replace(/\?.*$/, '');
  await d.close();
  await host.staff(decidedNumber, { action: 'accept', resolution: { type: 'refund', amount: '118.00', currency: 'PLN' },
    explanation: 'Tego wzoru kubków już nie produkujemy, dlatego zamiast wymiany zwracamy pieniądze.' });
  await host.staff(decidedNumber, { action: 'fulfil', reference: 'ZW-2026-0042' });
  // The withdrawal's acknowledgement, once, and the status page it links to.
  const w = await noScript.newPage();
  await w.goto(`${host.url}/withdraw?lang=en`);
  await fillWithdraw(w);
  await w.getByRole('button', { name: 'Confirm withdrawal' }).click();
  check(await w.getByRole('heading', { name: 'Your withdrawal was received' }).isVisible(), 'withdrawal acknowledged');
  await shot(w, 'withdraw-done-en');
  await w.getByRole('link', { name: 'Follow your case' }).click();
  const withdrawalUrl = w.url().replace(/\?.*$/, '');
  await w.close();
  const expectations = {
    withdrawal: { url: withdrawalUrl,
      // The statement stays in the words it was made in (English here), whatever the page's language.
      pl: ['Odeślij nam towar najpóźniej', 'Zwrot płatności do', 'I hereby give notice', 'Jan Kowalski'],
      en: ['Please send the goods back to us by', 'Refund due by', 'I hereby give notice'],
      ru: ['Отправьте нам товар не позднее', 'Возврат денег до', 'I hereby give notice'] },
    decided: { url: decidedUrl,
      pl: ['Decyzja sklepu', '118,00', 'Przyznane rozwiązanie: Zwrot pieniędzy', 'Tego wzoru kubków', 'ZW-2026-0042'],
      en: ['The shop\'s decision', '118.00', 'The shop decided on: Refund', 'ZW-2026-0042'],
      ru: ['Решение магазина', '118,00', 'Решение магазина: Возврат денег', 'ZW-2026-0042'] },
  };
  for (const [name, { url, ...texts }] of Object.entries(expectations)) {
    for (const lang of languages) {
      const p = await noScript.newPage();
      await p.goto(`${url}?lang=${lang}`);
      const text = await p.locator('main').innerText();
      for (const wanted of texts[lang]) check(text.includes(wanted), `${name} page in ${lang} says "${wanted}"`);
      check(!/\d{4}-\d{2}-\d{2}/.test(text), `${name} page in ${lang} shows no ISO date`);
      for (const width of [1280, 360]) {
        await p.setViewportSize({ width, height: 900 });
        await shot(p, `${name}-status-${lang}-${width}`);
      }
      await p.close();
      await audit(withScript, `${url}?lang=${lang}`, `${name}-status-${lang}`);
    }
  }
  await deskScenario({ browser, host, check, shot, audit, photo, languages });
} catch (error) {
  fail(error.stack || String(error));
} finally {
  await browser.close();
  const code = await host.stop();
  check(code === 0, `reclaimd exited with ${code} on SIGTERM`);
  rmSync(dir, { recursive: true, force: true });
}
console.log(failures === 0 ? `browser test passed; screenshots in ${artifacts}` : `${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
