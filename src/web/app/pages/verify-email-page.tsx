import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../lib/api-client.ts';
import { AuthCard } from '../layouts/auth-layout.tsx';
import { useSession } from '../session.tsx';
import { takeNextAfterVerify } from '../safe-next.ts';
import { usePageTitle } from '../use-page-title.ts';
import { Alert } from '../../components/alert.tsx';
import { Loading } from '../../components/loading.tsx';

/** The landing page of the confirmation link: confirms the address, signs in, and goes on. */
export function VerifyEmailPage() {
  usePageTitle('Confirming your e-mail address');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  // The token works once; never send it twice (React may run effects twice in development).
  const sent = useRef(false);

  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    if (!token) {
      setError('This link is incomplete. Please open the link from the e-mail again, or copy the whole address into your browser.');
      return;
    }
    (async () => {
      try {
        await api.post('/auth/verify-email', { token });
        await refresh();
        navigate(takeNextAfterVerify(), { replace: true });
      } catch (e) {
        setError(errorMessage(e));
      }
    })();
  }, [token, refresh, navigate]);

  return (
    <AuthCard title={error ? 'We could not confirm your address' : 'Confirming your e-mail address'}>
      {error ? (
        <>
          <Alert tone="error">{error}</Alert>
          <p className="mt-5">
            If you have already confirmed, <Link to="/app/sign-in">sign in</Link>. Otherwise <Link to="/app/forgot-password">reset your password</Link> to get a fresh link: it confirms your address too.
          </p>
        </>
      ) : (
        <Loading label="One moment while we confirm your address…" />
      )}
    </AuthCard>
  );
}
