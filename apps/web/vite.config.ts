import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The browser only ever talks to the web app's origin: the dev and preview servers forward the
// API's paths to WEB_API_URL (the stack sets it), so there is no CORS to configure.
const api = process.env.WEB_API_URL ?? 'http://127.0.0.1:3000';
const proxy = { '/api': api, '/health': api };

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: { outDir: 'dist', emptyOutDir: true },
});
