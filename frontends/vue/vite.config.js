import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// base './': the built files work from any path of any static server.
export default defineConfig({
  base: './',
  plugins: [vue()],
  server: { port: 5174, strictPort: true },
  preview: { port: 5174, strictPort: true },
});
