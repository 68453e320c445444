/**
 * Illustrated portraits of the demo practitioners, drawn for Yintang (flat shapes in the
 * site's palette, not photos of anyone: UI.md keeps photos of people to the clinic's own),
 * so a clinic owner trying the demo sees what their practitioners' profiles will look
 * like. They are uploaded through the real photo path (`uploadPhoto`: checked, cropped,
 * saved as WebP without metadata, audited as the owner's upload), never written directly.
 */

import { and, eq } from 'drizzle-orm';
import { clinics, memberships, practitionerPhotos, users } from '../schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access.ts';
import { uploadPhoto } from '../../features/clinics/practitioner-photos.service.ts';
import { sharp } from '../../features/clinics/photo-processing.ts';
import { DEMO_CLINICS } from './demo-data.ts';

type HairStyle = 'bun' | 'short' | 'long' | 'bob' | 'cropped' | 'curls';

export interface PortraitStyle {
  background: string;
  skin: string;
  hair: string;
  hairStyle: HairStyle;
  top: string;
}

/** One portrait per demo practitioner, by e-mail. */
export const DEMO_PORTRAITS: Record<string, PortraitStyle> = {
  'owner@jadeleaf.example': { background: '#dcebe4', skin: '#e8c3a0', hair: '#1f2a27', hairStyle: 'bun', top: '#2f6f5e' },
  'tom@jadeleaf.example': { background: '#f3efe7', skin: '#f1cfb4', hair: '#8a5a3b', hairStyle: 'short', top: '#94c1ab' },
  'priya@jadeleaf.example': { background: '#f8ede7', skin: '#b98462', hair: '#2b1d17', hairStyle: 'long', top: '#245a4c' },
  'owner@willowtree.example': { background: '#dcebe4', skin: '#f3d6c0', hair: '#c9c2b8', hairStyle: 'bob', top: '#b4694a' },
  'david@willowtree.example': { background: '#f3efe7', skin: '#7a4e34', hair: '#1f1a17', hairStyle: 'cropped', top: '#2f6f5e' },
  'grace@willowtree.example': { background: '#f8ede7', skin: '#edc9a8', hair: '#2b2422', hairStyle: 'curls', top: '#94c1ab' },
};

/** Hair drawn behind the head (long hair, a bun) and over it (the fringe and crown). */
function hair(style: HairStyle, colour: string): { back: string; front: string } {
  switch (style) {
    case 'bun': return {
      back: `<circle cx="300" cy="150" r="58" fill="${colour}"/>`,
      front: `<path d="M196 270 C 196 186, 248 168, 300 168 C 352 168, 404 186, 404 270 C 380 226, 340 210, 300 212 C 258 210, 220 226, 196 270 Z" fill="${colour}"/>`,
    };
    case 'short': return {
      back: '',
      front: `<path d="M194 268 C 186 178, 246 160, 304 162 C 362 164, 414 188, 404 268 C 392 238, 372 222, 342 220 C 318 204, 262 208, 238 222 C 214 228, 200 246, 194 268 Z" fill="${colour}"/>`,
    };
    case 'long': return {
      back: `<path d="M186 270 C 180 180, 240 160, 300 160 C 360 160, 420 180, 414 270 L 424 470 L 176 470 Z" fill="${colour}"/>`,
      front: `<path d="M196 272 C 196 190, 250 170, 300 170 C 350 170, 404 190, 404 272 C 376 230, 330 214, 300 206 C 270 214, 224 230, 196 272 Z" fill="${colour}"/>`,
    };
    case 'bob': return {
      back: `<path d="M182 268 C 178 182, 238 160, 300 160 C 362 160, 422 182, 418 268 L 414 380 L 186 380 Z" fill="${colour}"/>`,
      front: `<path d="M194 276 C 194 190, 246 170, 300 170 C 354 170, 406 190, 406 276 C 380 236, 352 224, 330 214 C 300 232, 236 236, 194 276 Z" fill="${colour}"/>`,
    };
    case 'cropped': return {
      back: '',
      front: `<path d="M200 250 C 200 190, 250 172, 300 172 C 350 172, 400 190, 400 250 C 380 226, 340 214, 300 214 C 260 214, 220 226, 200 250 Z" fill="${colour}"/>`,
    };
    case 'curls': return {
      back: [[214, 230], [200, 290], [214, 350], [386, 230], [400, 290], [386, 350]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="42" fill="${colour}"/>`).join(''),
      front: [[220, 214], [262, 182], [306, 172], [350, 184], [386, 216]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="44" fill="${colour}"/>`).join(''),
    };
  }
}

/** A head-and-shoulders portrait as SVG, 600 × 600: calm, friendly, no likeness of anyone. */
export function portraitSvg(style: PortraitStyle): string {
  const { back, front } = hair(style.hairStyle, style.hair);
  const ink = '#1f2a27';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
  <rect width="600" height="600" fill="${style.background}"/>
  <circle cx="300" cy="300" r="250" fill="#faf8f4" opacity="0.55"/>
  ${back}
  <path d="M96 600 C 110 490, 190 452, 300 452 C 410 452, 490 490, 504 600 Z" fill="${style.top}"/>
  <path d="M262 380 L 262 452 C 276 476, 324 476, 338 452 L 338 380 Z" fill="${style.skin}"/>
  <path d="M262 440 C 282 452, 318 452, 338 440 L 338 452 C 324 470, 276 470, 262 452 Z" fill="#000" opacity="0.08"/>
  <ellipse cx="196" cy="300" rx="16" ry="26" fill="${style.skin}"/>
  <ellipse cx="404" cy="300" rx="16" ry="26" fill="${style.skin}"/>
  <path d="M196 268 C 196 184, 246 168, 300 168 C 354 168, 404 184, 404 268 C 404 350, 362 412, 300 414 C 238 412, 196 350, 196 268 Z" fill="${style.skin}"/>
  ${front}
  <g fill="none" stroke="${ink}" stroke-width="6" stroke-linecap="round">
    <path d="M238 270 C 250 262, 266 262, 276 268"/>
    <path d="M324 268 C 334 262, 350 262, 362 270"/>
    <path d="M262 352 C 282 366, 318 366, 338 352"/>
    <path d="M300 300 C 296 318, 292 330, 302 334" stroke-width="5" opacity="0.6"/>
  </g>
  <circle cx="257" cy="296" r="8" fill="${ink}"/>
  <circle cx="343" cy="296" r="8" fill="${ink}"/>
  <circle cx="236" cy="334" r="16" fill="#b4694a" opacity="0.14"/>
  <circle cx="364" cy="334" r="16" fill="#b4694a" opacity="0.14"/>
</svg>`;
}

/**
 * Every portrait drawn at once on sharp's threads (PNG, by e-mail). A first start begins
 * this while the database opens and the demo loads (src/cli/start.ts), on the other core.
 */
export function drawDemoPortraits(): Map<string, Promise<Buffer>> {
  return new Map(Object.entries(DEMO_PORTRAITS).map(([email, style]) => {
    const png = sharp()(Buffer.from(portraitSvg(style))).png().toBuffer();
    png.catch(() => {}); // awaited by its upload; a portrait not uploaded is not waited for
    return [email, png];
  }));
}

/**
 * Uploads a portrait for each demo practitioner who has no photo yet, as their clinic's
 * owner would from the Staff page. Returns how many it uploaded. `drawn` are the portraits
 * from `drawDemoPortraits` when the caller began drawing them earlier.
 */
export async function seedDemoPortraits(ctx: AppContext, drawn?: Map<string, Promise<Buffer>>): Promise<number> {
  const { db } = ctx.database;
  let uploaded = 0;
  // Every portrait is drawn at once on sharp's threads, while the uploads before it (one
  // at a time, in the same order as ever) use the database.
  const draw = () => (drawn ??= drawDemoPortraits());
  for (const seed of DEMO_CLINICS) {
    const [clinic] = await db.select({ id: clinics.id, slug: clinics.slug, timeZone: clinics.timeZone }).from(clinics).where(eq(clinics.slug, seed.clinic.slug));
    if (!clinic) continue;
    const staff = await db.select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
      .from(memberships).innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.clinicId, clinic.id));
    const owner = staff.find((s) => s.role === 'owner');
    if (!owner) continue;
    const actor: Actor = {
      userId: owner.userId, name: owner.name, email: owner.email, clinicId: clinic.id, clinicSlug: clinic.slug, timeZone: clinic.timeZone,
      role: 'owner', clientId: null, seesAllClients: false, ip: null, userAgent: null,
    };
    for (const person of staff) {
      const style = DEMO_PORTRAITS[person.email];
      if (!style) continue;
      const [existing] = await db.select({ hash: practitionerPhotos.hash }).from(practitionerPhotos)
        .where(and(eq(practitionerPhotos.clinicId, clinic.id), eq(practitionerPhotos.practitionerId, person.userId)));
      if (existing) continue;
      const png = draw().get(person.email)!;
      await uploadPhoto(ctx, actor, person.userId, () => png);
      uploaded++;
    }
  }
  return uploaded;
}
