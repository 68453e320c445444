/**
 * A practitioner's initials in a soft circle: the avatar when the clinic has not uploaded
 * their photo (UI.md: photos of people only from the clinic itself, never stock).
 * Decorative: the name is always written beside it. See PractitionerAvatar.
 */
export function InitialsAvatar({ initials, size = 'md' }: { initials: string; size?: 'md' | 'lg' }) {
  return (
    <span aria-hidden="true" className={`avatar ${size === 'lg' ? 'avatar-lg' : ''}`}>
      {initials}
    </span>
  );
}
