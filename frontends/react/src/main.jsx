import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AuthProvider } from '@descope/react-sdk';
import App from './App.jsx';
import { loadBackend } from './backend.js';
import './app.css';

const root = createRoot(document.getElementById('root'));

loadBackend().then(
  ({ backendUrl, sdkConfig }) =>
    root.render(
      <StrictMode>
        <AuthProvider {...sdkConfig}>
          <App backendUrl={backendUrl} />
        </AuthProvider>
      </StrictMode>,
    ),
  (error) =>
    root.render(
      <main>
        <p role="alert" id="config-error">
          Could not read the sign-in configuration from the backend: {error.message}
        </p>
      </main>,
    ),
);
