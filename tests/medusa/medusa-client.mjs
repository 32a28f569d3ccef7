// Medusa's HTTP API as the test shop's admin, its storefront and its customer use it.

export class HttpError extends Error {
  constructor(method, path, status, text) {
    super(`${method} ${path} -> ${status}: ${text.slice(0, 2000)}`);
    this.status = status;
    this.text = text;
  }
}

export function medusaClient(base) {
  const auth = { admin: null, customer: null, publishableKey: null };

  async function call(method, path, body, { as = 'admin', headers = {} } = {}) {
    const sent = { ...headers };
    if (body !== undefined) sent['content-type'] = 'application/json';
    const token = as === 'none' ? null : auth[as];
    if (token) sent.authorization = `Bearer ${token}`;
    if (path.startsWith('/store') && auth.publishableKey) sent['x-publishable-api-key'] = auth.publishableKey;
    const response = await fetch(base + path, {
      method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new HttpError(method, path, response.status, text);
    return text ? JSON.parse(text) : null;
  }

  return { call, auth };
}

export async function waitForHealth(base, seconds) {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    try {
      const response = await fetch(`${base}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`Medusa did not answer ${base}/health within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Polls `probe` until it returns a value that is not undefined, or fails after `seconds`. */
export async function eventually(what, seconds, probe) {
  const until = Date.now() + seconds * 1000;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`${what}: not within ${seconds} s${last ? ` (${last.message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
