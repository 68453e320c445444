import { describe, expect, it } from 'vitest';
import { publicHeadAssets } from './web.ts';

describe('publicHeadAssets', () => {
  const manifest = {
    'public/site.css': {
      file: 'assets/site-C50Bp7pX.css',
      assets: [
        'assets/inter-cyrillic-wght-normal-DqGufNeO.woff2',
        'assets/inter-latin-ext-wght-normal-DO1Apj_S.woff2',
        'assets/inter-latin-wght-normal-Dx4kXJAl.woff2',
      ],
    },
    'src/web/app/main.tsx': { file: 'assets/main-x.js', assets: ['assets/other-latin-wght-normal-a.woff2'] },
  };

  it('links the site stylesheet and preloads only the Latin subset of its web font', () => {
    expect(publicHeadAssets(manifest)).toEqual({
      stylesheets: ['/assets/site-C50Bp7pX.css'],
      fonts: ['/assets/inter-latin-wght-normal-Dx4kXJAl.woff2'],
    });
  });

  it('links nothing before the browser files are built', () => {
    expect(publicHeadAssets({})).toEqual({ stylesheets: [], fonts: [] });
  });
});
