// A real OpenID Connect provider for the single sign-on tests: `oidc-provider` (a certified
// implementation, installed from package-lock.json) on a loopback port, with its own login page.
//
//   node provider.mjs CONFIG.json
//
// CONFIG: {"node_modules": "...", "clients": [{client_id, client_secret, redirect_uris,
// post_logout_redirect_uris}], "users": {"login": {"password": "...", "claims": {...}}}}.
// Prints one JSON line {"issuer": "http://127.0.0.1:PORT"} once it listens, then serves until killed.
//
// PKCE is required of every client. The claims of the scope `chancery` (role, entity) are put in
// the ID token itself (conformIdTokenClaims off). Two test-only endpoints change what it does
// next, as a compromised or misconfigured provider, or an attacker in between, would:
//   POST /_test/users        {"login": {"password", "claims"}}  replaces or adds users;
//   POST /_test/next-id-token {"mode": "tamper" | "audience" | "expired"}
//     tamper:   the next ID token's payload is changed (role "admin") keeping the old signature;
//     audience: the next ID token is re-signed with the provider's own key for another audience
//               (azp still naming the client);
//     expired:  the next ID token is re-signed with the provider's own key, expired an hour ago.

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const { default: Provider } = await import(
  pathToFileURL(path.join(config.node_modules, 'oidc-provider', 'lib', 'index.js')).href
);

const users = { ...config.users };
let nextIdToken = null;

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key-1', use: 'sig', alg: 'RS256' };

const b64 = (buffer) => Buffer.from(buffer).toString('base64url');
const decodePart = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

function sign(header, payload) {
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}`;
  const signature = crypto.sign('sha256', Buffer.from(input), privateKey);
  return `${input}.${b64(signature)}`;
}

function mangle(idToken, mode) {
  const [headerPart, payloadPart, signaturePart] = idToken.split('.');
  const header = decodePart(headerPart);
  const payload = decodePart(payloadPart);
  if (mode === 'tamper') {
    payload.role = 'admin';
    return `${headerPart}.${b64(JSON.stringify(payload))}.${signaturePart}`;
  }
  if (mode === 'audience') {
    // Naming us as the authorized party (azp) on purpose: a relying party that only checks azp
    // (Authlib's default) would accept it.
    return sign(header, { ...payload, aud: 'another-application', azp: payload.aud });
  }
  if (mode === 'expired') {
    const now = Math.floor(Date.now() / 1000);
    return sign(header, { ...payload, iat: now - 7200, auth_time: now - 7200, exp: now - 3600 });
  }
  throw new Error(`unknown mode ${mode}`);
}

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, error) {
  return `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Test-identiteitsprovider</title></head>
<body><h1>Test-identiteitsprovider</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Login</label> <input id="login" name="login" autocomplete="off">
<label for="password">Password</label> <input id="password" name="password" type="password">
<button type="submit">Sign in</button></form></body></html>`;
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const server = http.createServer();
await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: config.clients.map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...client,
  })),
  jwks: { keys: [signingJwk] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  claims: {
    openid: ['sub'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    email: ['email', 'email_verified'],
    chancery: ['role', 'entity'],
  },
  scopes: ['openid', 'profile', 'email', 'chancery'],
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const user = users[id];
    if (!user) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...users[id].claims }) };
  },
  // The government's provider asks no consent of its own employees for its own applications.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email chancery');
    await grant.save();
    return grant;
  },
});

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && nextIdToken && ctx.body && ctx.body.id_token) {
    ctx.body = { ...ctx.body, id_token: mangle(ctx.body.id_token, nextIdToken) };
    nextIdToken = null;
  }
});

const oidc = provider.callback();

server.on('request', async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    if (req.method === 'POST' && url.pathname === '/_test/users') {
      Object.assign(users, JSON.parse(await readBody(req)));
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/_test/next-id-token') {
      nextIdToken = JSON.parse(await readBody(req)).mode;
      res.writeHead(204).end();
      return;
    }
    const interaction = url.pathname.match(/^\/interaction\/([^/]+)(\/login)?$/);
    if (interaction) {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name !== 'login') {
        await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
        return;
      }
      if (req.method === 'POST' && interaction[2]) {
        const form = new URLSearchParams(await readBody(req));
        const user = users[form.get('login')];
        if (user && user.password === form.get('password')) {
          await provider.interactionFinished(req, res, { login: { accountId: form.get('login') } });
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, 'Wrong login or password.'));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
      return;
    }
    oidc(req, res);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error && error.stack));
  }
});

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
