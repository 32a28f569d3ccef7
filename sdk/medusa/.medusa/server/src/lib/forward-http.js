'use strict';
// Medusa's request in, Reclaim's response out: the customer's pages, the status page, the JSON
// API and the staff desk, all under /reclaim, through reclaim_http_handle.

const MAX_BODY = 16 * 1024 * 1024; // a 10 MB upload and its multipart framing

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('request body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// Node gives header names in lower case and repeated ones as arrays; Reclaim takes one string
// per name, in any case.
function headersOf(req) {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(name === 'cookie' ? '; ' : ', ') : String(value);
  }
  return headers;
}

async function forward(engine, req, res) {
  const declared = Number(req.headers['content-length'] || 0);
  if (declared > MAX_BODY) {
    res.status(413).type('text/plain').send('Request body too large');
    return;
  }
  const body = await readBody(req);
  const request = {
    method: req.method,
    path: req.originalUrl,
    headers: headersOf(req),
    peer: req.socket.remoteAddress || null,
  };
  if (body.length) request.body_base64 = body.toString('base64');
  const response = await engine.handleHttp(request);
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers || {})) res.setHeader(name, value);
  res.end(response.body_base64 !== undefined ? Buffer.from(response.body_base64, 'base64url')
                                             : response.body || '');
}

module.exports = { forward };
