import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

/**
 * `npm run dev`: the server restarts on every change (tsx watch) on PORT (3000), and
 * Vite's dev server (5173) serves the app with hot reload, passing API calls through.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const port = process.env.PORT ?? '3000';
const server = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'watch', '--clear-screen=false', 'src/cli/start.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PORT: port, NODE_ENV: 'development' },
});

const target = `http://localhost:${port}`;
const vite = await createServer({
  configFile: path.join(root, 'vite.config.ts'),
  server: {
    port: 5173,
    proxy: { '/api': target, '/health': target },
  },
  plugins: [
    {
      name: 'yintang-app-fallback',
      // Every /app address is the single-page app: hand Vite its index.html.
      configureServer(devServer) {
        devServer.middlewares.use((req, _res, next) => {
          if (req.url && /^\/app(\/(?!index\.html)[^.]*)?(\?.*)?$/.test(req.url)) req.url = '/app/index.html';
          next();
        });
      },
    },
  ],
});
await vite.listen();
console.log(`\nApp with hot reload: http://localhost:5173/app/  ·  public pages and API: ${target}\n`);

const stop = async () => {
  server.kill('SIGTERM');
  await vite.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
