// The Spring application's address, read at run time on the server: BACKEND_URL.
export function backendUrl() {
  return (process.env.BACKEND_URL || 'http://localhost:8080').replace(/\/+$/, '');
}

// The starter's public SDK configuration (projectId, baseUrl, persistTokens, autoRefresh, the
// cookie settings...), in the shape AuthProvider takes.
export async function sdkConfig() {
  const answer = await fetch(`${backendUrl()}/login/notp/config`, {
    headers: { Accept: 'application/json' },
    cache: 'no-store',
  });
  if (!answer.ok) {
    throw new Error(`GET /login/notp/config answered ${answer.status}`);
  }
  return answer.json();
}

// This app keeps the session JWT in a cookie the SDK writes (sessionTokenViaCookie), named as
// the starter says in its cookie modes (descope.cookie.session-name), else the SDK's DS.
export function sessionCookieName(config) {
  const cookie = config.sessionTokenViaCookie;
  return (cookie && typeof cookie === 'object' && cookie.cookieName) || 'DS';
}
