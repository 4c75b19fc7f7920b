'use client';

import { useCallback, useEffect, useState } from 'react';
import { useDescope, useSession } from '@descope/nextjs-sdk/client';

async function callSpring(endpoint) {
  // same origin: the browser sends the session cookie to this app's server, which forwards it
  const answer = await fetch(`/api/spring/${endpoint}`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  return answer.json();
}

function qrSource(image) {
  return image.startsWith('data:') ? image : `data:image/png;base64,${image}`;
}

// When the session JWT expires (its exp claim, read without checking: the backend checks it),
// shown so that a person sees the SDK refresh the session.
function sessionExpiry(sessionToken) {
  try {
    const payload = sessionToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return new Date(JSON.parse(atob(payload)).exp * 1000);
  }
  catch {
    return null;
  }
}

function Answer({ id, answer }) {
  if (!answer) {
    return null;
  }
  return (
    <pre id={id} data-status={answer.status}>
      {answer.status} {answer.body}
    </pre>
  );
}

export default function Home() {
  const sdk = useDescope();
  const { isAuthenticated, isSessionLoading, sessionToken } = useSession();
  const expires = isAuthenticated ? sessionExpiry(sessionToken) : null;
  const [phone, setPhone] = useState('');
  const [pending, setPending] = useState(null);
  const [error, setError] = useState('');
  const [me, setMe] = useState(null);
  const [admin, setAdmin] = useState(null);

  useEffect(() => {
    if (isAuthenticated) {
      callSpring('me').then(setMe);
    }
  }, [isAuthenticated]);

  async function start(event) {
    event.preventDefault();
    setError('');
    const started = await sdk.notp.signUpOrIn(phone.trim());
    if (!started.ok) {
      setError(started.error?.errorDescription || 'WhatsApp login could not start');
      return;
    }
    setPending(started.data);
    // polls Descope until the person confirms on WhatsApp; the SDK then writes the session cookie
    const session = await sdk.notp.waitForSession(started.data.pendingRef, { pollingIntervalMs: 1000 });
    setPending(null);
    if (!session.ok) {
      setError(session.error?.errorDescription || 'WhatsApp login did not complete');
    }
  }

  const signOut = useCallback(async () => {
    await sdk.logout();
    setMe(null);
    setAdmin(null);
  }, [sdk]);

  // Not a gate: react-sdk 3.3.1 can leave isSessionLoading true for good when its session check
  // ends before React renders its start (seen during hydration), so the page never waits on it.
  return (
    <main aria-busy={isSessionLoading}>
      <h1>WhatsApp login · Next.js</h1>
      {!isAuthenticated && !pending && (
        <form id="start-form" onSubmit={start}>
          <label htmlFor="phone">Phone number</label>
          <input id="phone" type="tel" autoComplete="tel" placeholder="+15555550100" value={phone}
            onChange={(event) => setPhone(event.target.value)} required />
          <button id="start" type="submit">Continue with WhatsApp</button>
        </form>
      )}
      {pending && (
        <section id="pending">
          <p>Scan the code with your phone, or open WhatsApp on this device, and send the message.</p>
          {/* a data: URL from Descope's answer, nothing for next/image to optimise */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img id="qr" alt="QR code that opens WhatsApp" src={qrSource(pending.image)} width="200" height="200" />
          <p><a id="whatsapp-link" href={pending.redirectUrl} target="_blank" rel="noopener noreferrer">Open WhatsApp</a></p>
          <p className="waiting">Waiting for your confirmation…</p>
        </section>
      )}
      {error && <p role="alert" id="error">{error}</p>}
      {isAuthenticated && (
        <section id="signed-in">
          <p>Signed in.</p>
          {expires && (
            <p id="session-expires" data-exp={expires.getTime() / 1000}>
              Session valid until {expires.toLocaleTimeString()}; the SDK renews it on its own.
            </p>
          )}
          <button id="me" type="button" onClick={() => callSpring('me').then(setMe)}>GET /api/me</button>
          <button id="admin" type="button" onClick={() => callSpring('admin').then(setAdmin)}>GET /api/admin</button>
          <button id="sign-out" type="button" onClick={signOut}>Sign out</button>
          <Answer id="me-answer" answer={me} />
          <Answer id="admin-answer" answer={admin} />
        </section>
      )}
    </main>
  );
}
