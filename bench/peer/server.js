// The client-credentials peer of bench/run.sh (issue 16): oidc-provider, an OpenID Certified open-source provider,
// configured to do what our Identity does for bench/lua/client_credentials.lua: authenticate the confidential client
// timesheets-import by client_secret_post at POST /oauth/token and answer with an RS256-signed JWT access token for
// the Timesheets API (scope batch:upload, one hour). Storage is oidc-provider's in-memory adapter; a JWT access token
// is not stored at all.
//
//   PORT=5400 BENCH_SECRET=... node server.js
//
// node's cluster module runs one worker per core (WORKERS, default 2): node runs JavaScript on one thread, and our
// Kestrel server uses both cores of the benchmark machine, so one worker would be half a peer. The primary makes the
// RSA-2048 key once and hands it to the workers, so every worker signs with the same key (one JWKS).
import cluster from 'node:cluster';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT ?? 5400);
const secret = process.env.BENCH_SECRET;
const audience = 'https://api.exampleco.com/timesheets';

if (!secret) {
  console.error('BENCH_SECRET must be set (the timesheets-import client secret bench/run.sh gives our Identity)');
  process.exit(2);
}

if (cluster.isPrimary) {
  const workers = Number(process.env.WORKERS ?? availableParallelism());
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
  const env = { PEER_JWK: JSON.stringify(jwk), PEER_COOKIE_KEY: randomBytes(32).toString('hex') };
  for (let i = 0; i < workers; i++) cluster.fork(env);
  cluster.on('exit', (worker, code) => {
    console.error(`worker ${worker.process.pid} exited (${code}); stopping`);
    process.exit(1);
  });
  const stop = () => {
    for (const w of Object.values(cluster.workers)) w.kill();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.log(`peer: oidc-provider on http://127.0.0.1:${port}, ${workers} workers`);
} else {
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [{
      client_id: 'timesheets-import',
      client_secret: secret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_post',
      scope: 'batch:upload',
    }],
    jwks: { keys: [JSON.parse(process.env.PEER_JWK)] },
    cookies: { keys: [process.env.PEER_COOKIE_KEY] },
    routes: { token: '/oauth/token' },
    scopes: ['batch:upload'],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // Resource indicators are how oidc-provider issues JWT access tokens. The script sends our server's
      // "audience" parameter, which oidc-provider ignores; the default resource stands in for it.
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'batch:upload',
          audience,
          accessTokenTTL: 3600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
  });
  provider.listen(port, '127.0.0.1');
}
