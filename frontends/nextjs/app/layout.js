import Providers from './providers';
import { sdkConfig } from '../lib/backend';
import './app.css';

export const metadata = { title: 'WhatsApp login · Next.js', icons: { icon: 'data:,' } };

// the configuration is read from the backend on each request, not baked in at build time
export const dynamic = 'force-dynamic';

export default async function RootLayout({ children }) {
  let config;
  try {
    config = await sdkConfig();
  }
  catch (error) {
    return (
      <html lang="en">
        <body>
          <main>
            <p role="alert" id="config-error">
              Could not read the sign-in configuration from the backend: {error.message}
            </p>
          </main>
        </body>
      </html>
    );
  }
  return (
    <html lang="en">
      <body>
        <Providers config={config}>{children}</Providers>
      </body>
    </html>
  );
}
