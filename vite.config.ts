import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// Builds the signed-in app (a SPA served under /app) and the stylesheet of the
// server-rendered public pages. Output goes to dist/client with a manifest the server reads.
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src/web'),
  base: '/',
  plugins: [react(), tailwindcss()],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/client'),
    emptyOutDir: true,
    manifest: true,
    rollupOptions: {
      input: {
        app: path.resolve(import.meta.dirname, 'src/web/app/index.html'),
        site: path.resolve(import.meta.dirname, 'src/web/public/site.css'),
      },
    },
  },
  server: { port: 5173 },
});
