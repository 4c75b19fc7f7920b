'use client';

import { AuthProvider } from '@descope/nextjs-sdk';

// The starter's SDK configuration as it is, with the session JWT in a cookie (the nextjs-sdk's
// way, so that server-side code gets it): the cookie the starter names, else the SDK's default;
// the SDK writes that cookie only when it persists the tokens.
export default function Providers({ config, children }) {
  const { sessionTokenViaCookie, ...rest } = config;
  return (
    <AuthProvider {...rest} persistTokens sessionTokenViaCookie={sessionTokenViaCookie || { sameSite: 'Lax' }}>
      {children}
    </AuthProvider>
  );
}
