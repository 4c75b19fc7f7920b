import { createApp, h } from 'vue';
import descope from '@descope/vue-sdk';
import App from './App.vue';
import { loadBackend } from './backend.js';
import './app.css';

loadBackend().then(
  ({ backendUrl, sdkConfig }) => {
    const app = createApp(App, { backendUrl });
    // the plugin takes the starter's configuration as it is (projectId, baseUrl, persistTokens...)
    app.use(descope, sdkConfig);
    app.mount('#app');
  },
  (error) =>
    createApp({
      render: () =>
        h('main', [h('p', { role: 'alert', id: 'config-error' }, `Could not read the sign-in configuration from the backend: ${error.message}`)]),
    }).mount('#app'),
);
