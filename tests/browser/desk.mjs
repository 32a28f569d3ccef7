// The staff desk in headless Chromium with JavaScript off, against the reclaimd of run.mjs: a
// host's link signs an agent in; the agent finds a new case in the queue and asks for a photo;
// the customer answers on the status page with one; the agent sees it inline and accepts within
// the role's limit; a decision above it is refused and a supervisor takes it; two agents race on
// one case and the later one gets the conflict page, nothing overwritten; the shop claims the
// kettle's cost from its supplier. axe-core on every desk
// page in pl, en and ru; screenshots at 1280 and 360 px.
const agentAnna = { id: 'anna', name: 'Anna Nowak', role: 'agent', shops: ['default'], locale: 'en' };
const agentPiotr = { id: 'piotr', name: 'Piotr Wiśniewski', role: 'agent', shops: ['default'], locale: 'en' };
const supervisorEva = { id: 'eva', name: 'Eva Kowalczyk', role: 'supervisor', shops: ['default'], locale: 'en' };

export async function deskScenario({ browser, host, check, shot, audit, photo, languages }) {
  await host.policy('default', { decision_limits: { agent: { PLN: '300.00' } } });
  const customerContext = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  // A complaint about `qty` kettles of order 5002, as the customer makes it; its number and page.
  const open = async (qty) => {
    const p = await customerContext.newPage();
    await p.goto(`${host.url}/new?lang=en`);
    await p.locator('#order').fill('5002');
    await p.locator('#email').fill('ewa@example.pl');
    await p.locator('button[type=submit]').click();
    await p.locator('#pick-0').check();
    await p.locator('#qty-0').fill(String(qty));
    await p.locator('#reason-0').selectOption('defect');
    await p.getByLabel('Describe the problem').fill('The kettle switches itself off.');
    await p.locator('button[type=submit]').click();
    const number = (await p.locator('.facts strong').first().textContent()).trim();
    await p.getByRole('link', { name: 'Follow your case' }).click();
    const url = p.url().replace(/\?.*$/, '');
    await p.close();
    return { number, url };
  };
  // A desk signed in through a one-time link the host made.
  const signIn = async (member, options = {}) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    await page.goto(host.url + await host.link(member));
    return { context, page };
  };
  const submit = (page, action) => page.locator(`form:has(input[name=action][value=${action}]) button[type=submit]`).click();
  const openForm = (page, action) => page.locator(`details:has(input[name=action][value=${action}]) > summary`).click();

  const small = await open(1);
  const large = await open(2);
  const raced = await open(1);

  // The agent finds the new case in the queue and asks for a photo of the label.
  const { context: annaContext, page: anna } = await signIn(agentAnna);
  check((await anna.title()).includes('Case queue'), 'the link opens the queue');
  check((await anna.locator('main').innerText()).includes(small.number), 'the new case is in the queue');
  await anna.getByRole('link', { name: small.number }).click();
  await openForm(anna, 'request_info');
  await anna.locator('#act-request_info-message').fill('Please send a photo of the rating label.');
  await submit(anna, 'request_info');
  check(anna.url().includes(`/staff/cases/${small.number}`), 'back on the case after the action');

  // The customer answers with a photo on the status page.
  const customer = await customerContext.newPage();
  await customer.goto(`${small.url}?lang=en`);
  check((await customer.content()).includes('Please send a photo of the rating label.'), "the shop's question reaches the customer");
  await customer.getByLabel('Your message').fill('Here is the label.');
  await customer.locator('#reply-photos').setInputFiles({ ...photo, name: 'label.png' });
  await customer.getByRole('button', { name: 'Send' }).click();

  // The agent sees the photo inline, then accepts within the limit.
  await anna.reload();
  const image = anna.locator('img[src*="/files/"]').first();
  check(await image.count() === 1 && (await image.getAttribute('alt')) === 'label.png', 'the photo is shown on the case page');
  const served = await annaContext.request.get(new URL(await image.getAttribute('src'), host.url).href);
  check(served.status() === 200 && served.headers()['content-type'] === 'image/png', 'the photo is served to the desk');
  check((await anna.locator('main').innerText()).includes('Here is the label.'), "the customer's answer is in the history");
  check((await anna.locator('main').textContent()).includes('up to 300.00'), 'the limit is said before the click');
  await openForm(anna, 'accept');
  await anna.locator('#act-accept-resolution').selectOption('refund');
  await anna.locator('#act-accept-amount').fill('199.99');
  await anna.locator('#act-accept-explanation').fill('We refund the kettle in full.');
  await submit(anna, 'accept');
  await customer.reload();
  const decided = await customer.locator('main').innerText();
  check(decided.includes('199.99') && decided.includes('We refund the kettle in full.'), "the customer's page shows the decision");

  // The shop claims the kettle's cost back from its supplier: listed on the case for staff, never
  // shown to the customer.
  await openForm(anna, 'claim_supplier');
  await anna.locator('#act-claim_supplier-supplier').fill('Elektro Hurt');
  await anna.locator('#act-claim_supplier-reference').fill('RK/2026/12');
  await submit(anna, 'claim_supplier');
  const claimed = await anna.locator('main').innerText();
  check(claimed.includes('Claims against suppliers') && claimed.includes('Elektro Hurt') && claimed.includes('Awaiting the answer'),
    'the supplier claim is listed on the case');
  await customer.reload();
  check(!(await customer.content()).includes('Elektro Hurt'), 'the customer does not see the supplier claim');

  // Above the agent's limit: refused, nothing changes; the supervisor decides.
  await anna.goto(`${host.url}/staff/cases/${large.number}?lang=en`);
  await openForm(anna, 'accept');
  await submit(anna, 'accept');
  check((await anna.locator('main').innerText()).includes('This decision is above your limit'), 'above the limit the agent is told so');
  const { context: evaContext, page: eva } = await signIn(supervisorEva);
  await eva.goto(`${host.url}/staff/cases/${large.number}?lang=en`);
  await openForm(eva, 'accept');
  await submit(eva, 'accept');
  check((await eva.locator('main').innerText()).includes('Accepted'), 'the supervisor accepts above the limit');
  await customer.goto(`${large.url}?lang=en`);
  check((await customer.locator('main').innerText()).includes("The shop's decision"), 'the customer sees the supervisor’s decision');

  // Two agents open one case; the first acts, the second's stale form gets the conflict page.
  const { context: piotrContext, page: piotr } = await signIn(agentPiotr);
  await anna.goto(`${host.url}/staff/cases/${raced.number}?lang=en`);
  await piotr.goto(`${host.url}/staff/cases/${raced.number}?lang=en`);
  await openForm(anna, 'review');
  await submit(anna, 'review');
  await openForm(piotr, 'assign');
  await piotr.locator('#act-assign-assignee').fill('piotr');
  await submit(piotr, 'assign');
  check((await piotr.locator('h1').innerText()).includes('Someone else changed this case'), 'the later agent gets the conflict page');
  await shot(piotr, 'staff-conflict-en');

  // Every desk page in every language: screenshots at 1280 and 360 px, and axe.
  const { context: auditContext } = await signIn({ ...agentAnna, id: 'auditor' }, { bypassCSP: true, javaScriptEnabled: true });
  for (const lang of languages) {
    const pages = [
      ['staff-queue', `/staff/?assignee=any&lang=${lang}`],
      ['staff-case', `/staff/cases/${small.number}?lang=${lang}`],
      ['staff-new', `/staff/new?order=5002&lang=${lang}`],
      ['staff-mail', `/staff/mail?lang=${lang}`],
      ['staff-report', `/staff/report?lang=${lang}`],
    ];
    for (const [name, path] of pages) {
      await anna.goto(host.url + path);
      check((await anna.getAttribute('html', 'lang')) === lang, `${name} is in ${lang}`);
      for (const width of [1280, 360]) {
        await anna.setViewportSize({ width, height: 900 });
        await shot(anna, `${name}-${lang}-${width}`);
      }
      await anna.setViewportSize({ width: 1280, height: 900 });
      await audit(auditContext, host.url + path, `${name}-${lang}`);
    }
  }
  for (const context of [customerContext, annaContext, evaContext, piotrContext, auditContext]) await context.close();
}
