import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// Builds the signed-in app (a SPA served under /app) and the stylesheet of the
// server-rendered public pages, and the embeddable booking widget. Output goes to dist/client with a manifest the server reads.
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src/web'),
  base: '/',
  plugins: [react(), tailwindcss()],
  // Every script and style tag of the app's index.html carries this placeholder as its
  // nonce; the server puts each answer's Content-Security-Policy nonce in its place.
  html: { cspNonce: 'YT_CSP_NONCE' },
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/client'),
    emptyOutDir: true,
    manifest: true,
    rollupOptions: {
      input: {
        app: path.resolve(import.meta.dirname, 'src/web/app/index.html'),
        site: path.resolve(import.meta.dirname, 'src/web/public/site.css'),
        // The booking widget (Preact, in a shadow root): loaded on demand by the clinic
        // booking pages and by /widget.js on clinics' own websites. It exports its mount function.
        widget: path.resolve(import.meta.dirname, 'src/web/widget/widget.tsx'),
      },
      preserveEntrySignatures: 'exports-only',
    },
  },
  server: { port: 5173 },
});
