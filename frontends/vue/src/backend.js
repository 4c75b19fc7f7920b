// Where the Spring application is, and what its starter says about the Descope SDK.
//
// The backend's address: VITE_BACKEND_URL at build time, else backend.json next to the built
// files at run time (replace that file when deploying, no rebuild needed).
export async function loadBackend() {
  let backendUrl = import.meta.env.VITE_BACKEND_URL;
  if (!backendUrl) {
    const file = await fetch('backend.json', { cache: 'no-store' });
    if (!file.ok) {
      throw new Error(`backend.json answered ${file.status}`);
    }
    backendUrl = (await file.json()).backendUrl;
  }
  backendUrl = String(backendUrl).replace(/\/+$/, '');
  // The starter's public SDK configuration: projectId, baseUrl, persistTokens, autoRefresh, the
  // cookie settings... in the shape the plugin takes, so nothing is copied into this app.
  const answer = await fetch(`${backendUrl}/login/notp/config`, { headers: { Accept: 'application/json' } });
  if (!answer.ok) {
    throw new Error(`GET /login/notp/config answered ${answer.status}`);
  }
  return { backendUrl, sdkConfig: await answer.json() };
}

// Calls the Spring API with the session JWT as a bearer token. Cross-origin, without cookies:
// the backend allows this app's origin (CORS) and needs no CSRF token for it.
export async function callApi(backendUrl, path, sessionToken) {
  const answer = await fetch(backendUrl + path, {
    headers: { Accept: 'application/json', Authorization: `Bearer ${sessionToken}` },
    credentials: 'omit',
  });
  return { status: answer.status, body: await answer.text() };
}

// The QR code of a start answer: Descope sends the PNG as base64.
export function qrSource(image) {
  return image.startsWith('data:') ? image : `data:image/png;base64,${image}`;
}

// When the session JWT expires (its exp claim, read without checking: the backend checks it),
// shown so that a person sees the SDK refresh the session.
export function sessionExpiry(sessionToken) {
  try {
    const payload = sessionToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return new Date(JSON.parse(atob(payload)).exp * 1000);
  }
  catch {
    return null;
  }
}
