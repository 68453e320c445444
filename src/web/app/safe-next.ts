/**
 * Where to go after signing in. Only paths inside the app are accepted, so a crafted
 * link cannot send someone to another site after they sign in.
 */
export function safeNext(value: string | null | undefined, fallback = '/app'): string {
  if (!value || !value.startsWith('/app') || value.startsWith('//') || value.includes('\\')) return fallback;
  return value;
}

const NEXT_KEY = 'yintang.after-verify';

/**
 * Remembers where someone was heading when they signed up, because the confirmation
 * link opens later, perhaps in another tab.
 */
export function rememberNextAfterVerify(next: string | null) {
  try {
    if (next && safeNext(next, '') !== '') localStorage.setItem(NEXT_KEY, next);
    else localStorage.removeItem(NEXT_KEY);
  } catch {
    // Storage may be blocked; the person then lands on the app's home page.
  }
}

export function takeNextAfterVerify(): string {
  try {
    const next = localStorage.getItem(NEXT_KEY);
    localStorage.removeItem(NEXT_KEY);
    return safeNext(next);
  } catch {
    return '/app';
  }
}
