import { cookies } from 'next/headers';
import { backendUrl, sdkConfig, sessionCookieName } from '../../../../lib/backend';

const ENDPOINTS = { me: '/api/me', admin: '/api/admin' };

// Calls the Spring API from the server, forwarding the browser's session cookie (and nothing
// else): GET /api/spring/me, GET /api/spring/admin.
export async function GET(request, { params }) {
  const { endpoint } = await params;
  const path = ENDPOINTS[endpoint];
  if (!path) {
    return Response.json({ error: 'not found' }, { status: 404 });
  }
  const name = sessionCookieName(await sdkConfig());
  const session = (await cookies()).get(name);
  const answer = await fetch(backendUrl() + path, {
    headers: { Accept: 'application/json', ...(session ? { Cookie: `${name}=${session.value}` } : {}) },
    cache: 'no-store',
  });
  return Response.json({ status: answer.status, body: await answer.text() });
}
