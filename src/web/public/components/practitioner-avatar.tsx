import type { PublicPhoto } from '../../../features/site/site.service.ts';
import { InitialsAvatar } from './initials-avatar.tsx';

/**
 * A practitioner's photo in a circle, or their initials when the clinic has not uploaded
 * one. In cards and lists the name is written beside it, so the photo is decorative there
 * (empty alt, like the initials); at the top of their own page (`size="lg"`) it stands for
 * the person and says so ("Photo of Mei Lin Chen").
 */
export function PractitionerAvatar({ initials, photo, size = 'md' }: { initials: string; photo: PublicPhoto | undefined; size?: 'md' | 'lg' }) {
  if (!photo) return <InitialsAvatar initials={initials} size={size} />;
  if (size === 'lg') {
    // The page's largest image: fetched at once, at 480 px for sharp screens.
    return <img src={photo.url} alt={photo.alt} width={160} height={160} decoding="async" fetchPriority="high" className="avatar avatar-photo avatar-photo-lg" />;
  }
  return <img src={photo.thumbnailUrl} alt="" width={48} height={48} loading="lazy" decoding="async" className="avatar avatar-photo" />;
}
