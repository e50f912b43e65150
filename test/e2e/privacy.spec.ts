/**
 * Privacy, as an attacker who writes the config would try it (issue 11), in real Chromium
 * with the built tagpoint.js (lean: it loads tagpoint-extras.js for this config) and the real
 * @segment/analytics-next sending to the local collector. The page is a React-style checkout
 * that mirrors what is typed into each field's `value` attribute. Table-driven: every
 * sensitive field is read by every source (value, text, attribute `value`, a parent's text);
 * oracle selectors (attribute tests on `value`, obfuscated by case, escapes, comments,
 * `:is()`, `:has()`) probe the hidden CSRF token and the typed password one character at a
 * time as targets and as properties; fingerprints compare `value`; a GET form puts the
 * password in the URL. Every secret is absent from everything sent, and the probes' answers
 * do not depend on the secret, so a reconstruction recovers nothing.
 */
import { configOf, expect, pageState, test } from './runtime-support';

const SECRETS = {
  csrf: '7f3a9c01tok',
  password: 'hunter2-Secret',
  pass: 'confirm-Secret9',
  cc: '4242424242424242',
  pin: '9731',
  account: '000123456789',
  ssn: '078-05-1120',
  codes: 'recovery-xyz-777',
  card: '5555444433331111',
  exp: 'mq04',
  expLabel: 'MonthFour',
  privateNote: 'qq-private-77',
};

/** The sensitive elements, as selectors. */
const FIELDS = ['#pw', '#pass', '#cc', '#exp', '#exp option:nth-child(2)', '#pin', '#acct', '#ssn', '#codes', '#card-ce', '#private', 'input[name=csrf_token]'];
const direct = FIELDS.flatMap((selector, i) => [
  { name: `f${i}_value`, source: 'value', selector },
  { name: `f${i}_text`, source: 'text', selector },
  { name: `f${i}_attr`, source: 'attribute', attribute: 'value', selector },
]);
const PARENTS = [
  { name: 'form_text', source: 'text', selector: '#pay-form' },
  { name: 'main_text', source: 'text', selector: 'main' },
  { name: 'form_csrf', source: 'attribute', attribute: 'data-csrf-token', selector: '#pay-form' },
  { name: 'aria', source: 'attribute', attribute: 'aria-label', selector: '#card-ce' },
  // Ordinary reads still work.
  { name: 'email', source: 'value', selector: '#email' },
  { name: 'total', source: 'text', selector: '.total' },
];

// One probe per candidate first character, in each oracle form: if any answered differently
// for the secret's true first character, one bit would leak per probe.
const CANDIDATES = [...'0123456789abcdefghijklmnopqrstuvwxyz-'];
const ORACLES: [string, (c: string) => string][] = [
  ['csrf prefix', (c) => `body:has(input[name=csrf_token][value^="${c}"]) h1`],
  ['password prefix', (c) => `form:has(input[type=password][value^="${c}"]) h1`],
  ['upper-case name', (c) => `body:has([VALUE^="${c}"][name=password]) h1`],
  ['escaped name', (c) => `body:has([v\\61lue^="${c}"][name=password]) h1`],
  ['comment in the name', (c) => `body:has([val/**/ue^="${c}"][name=password]) h1`],
  ['inside :is()', (c) => `body:has(:is([name=password][value^="${c}"])) h1`],
  ['substring', (c) => `body:has([name=pin][value*="${c}"]) h1`],
];
const probes = ORACLES.flatMap(([form, make], o) =>
  CANDIDATES.flatMap((c, k) => [
    // As a property of a tag on the Pay button...
    { id: `p${o}_${k}`, event: `Probe ${form} ${c}`, trigger: 'click', target: { selector: '#pay' }, properties: [{ name: 'probe', source: 'text', selector: make(c) }] },
    // ...and as the target itself.
    { id: `t${o}_${k}`, event: `Target ${form} ${c}`, trigger: 'click', target: { selector: make(c).replace(/ h1$/, ' #pay') } },
  ]),
);
// Fingerprints that compare the typed password: right and wrong guesses must behave alike.
const fingerprints = ['hunter2-Secret', 'wrong-guess'].map((value, k) => ({
  id: `fp${k}`,
  event: `Fingerprint ${k}`,
  trigger: 'click',
  target: { selector: '#pw-gone', fallbacks: ['#pw'], fingerprint: { tag: 'input', attributes: { value } } },
}));

const TAGS = [
  { id: 'pv', event: 'Privacy Page Viewed', trigger: 'pageview', properties: [{ name: 'href', source: 'url' }, { name: 'pw', source: 'query', param: 'password' }, { name: 'q', source: 'query', param: 'q' }] },
  { id: 'pay-direct', event: 'Pay Direct', trigger: 'click', target: { selector: '#pay' }, properties: direct.slice(0, 48) },
  { id: 'pay-rest', event: 'Pay Rest', trigger: 'click', target: { selector: '#pay' }, properties: [...direct.slice(48), ...PARENTS] },
  ...fingerprints,
  ...probes,
  { id: 'done', event: 'Done Clicked', trigger: 'click', target: { selector: '#done' } },
];

test('no config reads a secret: direct reads, parents, oracles, fingerprints and URLs', async ({ rtPage: page, rtSite, site }) => {
  test.setTimeout(90_000);
  rtSite.answerConfig({ config: configOf(TAGS) });
  await page.goto(site.url('/runtime/privacy.html'));
  await rtSite.waitForTracks(1);
  await page.fill('#email', 'ada@example.com');
  await page.fill('#pw', SECRETS.password);
  await page.fill('#pass', SECRETS.pass);
  await page.fill('#cc', SECRETS.cc);
  await page.selectOption('#exp', SECRETS.exp);
  await page.fill('#pin', SECRETS.pin);
  await page.fill('#acct', SECRETS.account);
  await page.fill('#ssn', SECRETS.ssn);
  await page.fill('#codes', SECRETS.codes);
  await page.locator('#card-ce').pressSequentially(SECRETS.card);
  // The page really mirrors them, so an oracle would have something to see.
  expect(await page.getAttribute('#pw', 'value')).toBe(SECRETS.password);
  expect(await page.locator('#codes').evaluate((t) => t.textContent)).toBe(SECRETS.codes);
  await page.click('#pw');
  await page.click('#pay');
  await page.click('#done');
  await expect.poll(() => rtSite.tracks().some((t) => t.event === 'Done Clicked'), { timeout: 15_000 }).toBe(true);

  const tracks = rtSite.tracks();
  const sent = JSON.stringify(rtSite.collected);
  for (const [name, secret] of Object.entries(SECRETS)) expect(sent.includes(secret), `${name} was sent`).toBe(false);

  const direct1 = tracks.find((t) => t.event === 'Pay Direct');
  const rest = tracks.find((t) => t.event === 'Pay Rest');
  expect(direct1, 'the direct-read tag fired').toBeTruthy();
  // Every read of a sensitive field gives null; ordinary ones are read.
  for (const [key, value] of Object.entries({ ...direct1.properties, ...rest.properties })) {
    if (key === 'email' || key === 'total' || key === 'form_text' || key === 'main_text') continue;
    expect(value, key).toBeNull();
  }
  expect(rest.properties.email).toBe('ada@example.com');
  expect(rest.properties.total).toBe('$20.00');
  expect(rest.properties.form_text).toMatch(/^Email Password .*Total \$20\.00 Pay$/);

  // The probes: none of them may depend on the secret. Refused probes never fire at all.
  const fired = new Set(tracks.map((t) => t.event));
  expect([...fired].filter((e) => /^(Probe|Target) /.test(e))).toEqual([]);
  expect(fired.has('Fingerprint 0')).toBe(fired.has('Fingerprint 1'));

  // A reconstruction: for each position, the candidate whose probe answered. Nothing is found.
  const recovered = CANDIDATES.filter((c, k) => ORACLES.some((_o, o) => fired.has(`Probe ${ORACLES[o]![0]} ${c}`) || fired.has(`Target ${ORACLES[o]![0]} ${c}`) || k < 0));
  expect(recovered).toEqual([]);

  const state = await pageState(page);
  expect(state.errors).toEqual([]);
  expect(state.handlers.submit).toBe(1);
});

test('a GET form puts the password in the URL: URL properties never return it', async ({ rtPage: page, rtSite, site }) => {
  rtSite.answerConfig({ config: configOf(TAGS) });
  await page.goto(site.url('/runtime/privacy.html'));
  await rtSite.waitForTracks(1);
  await page.fill('#get-pw', SECRETS.password);
  await page.click('#go');
  await page.waitForURL(/password=/);
  const views = await rtSite.waitForTracks(2);
  const view = views.filter((t) => t.event === 'Privacy Page Viewed').at(-1);
  expect(view.properties.q).toBe('shoes');
  expect(view.properties.pw).toBeNull();
  expect(view.properties.href).toBe(site.url('/runtime/privacy.html?q=shoes'));
  expect(JSON.stringify(views.map((t) => t.properties))).not.toContain(SECRETS.password);
});
