import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { securityHeaders } from './security-headers.ts';

// The browser only ever talks to the web app's origin: the dev and preview servers forward the
// API's paths to WEB_API_URL (the stack sets it), so there is no CORS to configure.
const api = process.env.WEB_API_URL ?? 'http://127.0.0.1:3000';
const proxy = { '/api': api, '/health': api };

export default defineConfig(({ command }) => {
  // A build is a production build whatever NODE_ENV its caller has: Vite builds React's
  // development bundle when NODE_ENV says otherwise, and a build started under Vitest (test) or
  // a nested Nx run would land in the Nx cache under the same hash as the production one.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    plugins: [react()],
    server: { proxy },
    // The served build gets a production deployment's headers; the dev server does not (its
    // hot reload injects inline scripts a strict CSP would refuse).
    preview: { proxy, headers: securityHeaders({ storageUrl: process.env.WEB_STORAGE_URL }) },
    build: { outDir: 'dist', emptyOutDir: true },
  };
});
