import { useEffect, useState } from 'react';
import { useDescope, useSession } from '@descope/react-sdk';
import { callApi, qrSource, sessionExpiry } from './backend.js';

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

export default function App({ backendUrl }) {
  const sdk = useDescope();
  const { isAuthenticated, isSessionLoading, sessionToken } = useSession();
  const [phone, setPhone] = useState('');
  const [pending, setPending] = useState(null);
  const [error, setError] = useState('');
  const [me, setMe] = useState(null);
  const [admin, setAdmin] = useState(null);

  // the SDK's current session JWT, renewed by its automatic refresh (kept in memory too, so
  // this works with persistTokens false)
  const call = (path) => callApi(backendUrl, path, sessionToken);
  const expires = isAuthenticated ? sessionExpiry(sessionToken) : null;

  const signedIn = isAuthenticated && Boolean(sessionToken);
  useEffect(() => {
    if (signedIn) {
      call('/api/me').then(setMe);
    }
  }, [signedIn]);

  async function start(event) {
    event.preventDefault();
    setError('');
    const started = await sdk.notp.signUpOrIn(phone.trim());
    if (!started.ok) {
      setError(started.error?.errorDescription || 'WhatsApp login could not start');
      return;
    }
    setPending(started.data);
    // polls Descope until the person confirms on WhatsApp; the SDK then holds the session
    const session = await sdk.notp.waitForSession(started.data.pendingRef, { pollingIntervalMs: 1000 });
    setPending(null);
    if (!session.ok) {
      setError(session.error?.errorDescription || 'WhatsApp login did not complete');
    }
  }

  async function signOut() {
    await sdk.logout();
    setMe(null);
    setAdmin(null);
  }

  // Not a gate: react-sdk 3.3.1 can leave isSessionLoading true for good when its session check
  // ends before React renders its start, so the page never waits on it.
  return (
    <main aria-busy={isSessionLoading}>
      <h1>WhatsApp login · React</h1>
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
          <button id="me" type="button" onClick={() => call('/api/me').then(setMe)}>GET /api/me</button>
          <button id="admin" type="button" onClick={() => call('/api/admin').then(setAdmin)}>GET /api/admin</button>
          <button id="sign-out" type="button" onClick={signOut}>Sign out</button>
          <Answer id="me-answer" answer={me} />
          <Answer id="admin-answer" answer={admin} />
        </section>
      )}
    </main>
  );
}
