import { createBrowserRouter, isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { RootLayout } from './layouts/root-layout.tsx';
import { AuthLayout, AuthCard } from './layouts/auth-layout.tsx';
import { AppShell } from './layouts/app-shell.tsx';
import { Alert } from '../components/alert.tsx';
import { Loading } from '../components/loading.tsx';

/** Shown if a screen fails to render: calm words, a way back, no stack trace. */
function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-16">
      <AuthCard title={notFound ? 'We could not find that page' : 'Something went wrong'}>
        <Alert tone={notFound ? 'info' : 'error'}>
          {notFound ? 'The address may be mistyped, or the page may have moved.' : 'This screen could not be shown. Please reload the page; if it keeps happening, contact the clinic.'}
        </Alert>
        <p className="mt-5"><Link to="/app" reloadDocument>Go to your home page</Link></p>
      </AuthCard>
    </main>
  );
}

/** Shown while the first screen's code arrives. */
function FirstLoad() {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-4">
      <Loading label="Loading Yintang…" className="justify-center" />
    </main>
  );
}

/**
 * Every screen of the app, under /app (the server sends the app for any /app address).
 * Each screen's code is loaded when first needed, so the app stays quick to open as it grows.
 */
export const router = createBrowserRouter([
  {
    path: '/app',
    element: <RootLayout />,
    errorElement: <RouteError />,
    HydrateFallback: FirstLoad,
    children: [
      {
        element: <AuthLayout />,
        children: [
          { path: 'sign-in', lazy: async () => ({ Component: (await import('./pages/sign-in-page.tsx')).SignInPage }) },
          { path: 'sign-up', lazy: async () => ({ Component: (await import('./pages/sign-up-page.tsx')).SignUpPage }) },
          { path: 'verify-email', lazy: async () => ({ Component: (await import('./pages/verify-email-page.tsx')).VerifyEmailPage }) },
          { path: 'forgot-password', lazy: async () => ({ Component: (await import('./pages/forgot-password-page.tsx')).ForgotPasswordPage }) },
          { path: 'reset-password', lazy: async () => ({ Component: (await import('./pages/reset-password-page.tsx')).ResetPasswordPage }) },
          { path: 'accept-invite', lazy: async () => ({ Component: (await import('./pages/accept-invite-page.tsx')).AcceptInvitePage }) },
        ],
      },
      {
        // The pages the booking e-mails link to: no sign-in, the link's token is the key.
        lazy: async () => ({ Component: (await import('./pages/booking-link-pages.tsx')).BookingLinkLayout }),
        children: [
          { path: 'bookings/confirm', lazy: async () => ({ Component: (await import('./pages/booking-link-pages.tsx')).ConfirmBookingPage }) },
          { path: 'bookings/manage', lazy: async () => ({ Component: (await import('./pages/booking-link-pages.tsx')).ManageBookingPage }) },
          { path: 'questionnaire', lazy: async () => ({ Component: (await import('./pages/outcomes/answer-questionnaire-page.tsx')).AnswerQuestionnairePage }) },
        ],
      },
      {
        element: <AppShell />,
        children: [
          { index: true, lazy: async () => ({ Component: (await import('./pages/home-page.tsx')).HomePage }) },
          { path: 'diary', lazy: async () => ({ Component: (await import('./pages/diary-page.tsx')).DiaryPage }) },
          { path: 'waitlist', lazy: async () => ({ Component: (await import('./pages/waitlist-page.tsx')).WaitlistPage }) },
          { path: 'protocols', lazy: async () => ({ Component: (await import('./pages/protocols-page.tsx')).ProtocolsPage }) },
          { path: 'sessions/:bookingId/note', lazy: async () => ({ Component: (await import('./pages/session-note/session-note-page.tsx')).SessionNotePage }) },
          { path: 'points', lazy: async () => ({ Component: (await import('./pages/points-page.tsx')).PointsPage }) },
          { path: 'reports', lazy: async () => ({ Component: (await import('./pages/reports/practice-reports-page.tsx')).PracticeReportsPage }) },
          { path: 'clients', lazy: async () => ({ Component: (await import('./pages/clients-page.tsx')).ClientsPage }) },
          { path: 'clients/new', lazy: async () => ({ Component: (await import('./pages/client-new-page.tsx')).ClientNewPage }) },
          { path: 'clients/:clientId/health-questions', lazy: async () => ({ Component: (await import('./pages/health-questions/enter-for-client-page.tsx')).EnterForClientPage }) },
          { path: 'health-questions', lazy: async () => ({ Component: (await import('./pages/health-questions/health-questions-page.tsx')).HealthQuestionsPage }) },
          { path: 'clients/:clientId', lazy: async () => ({ Component: (await import('./pages/client-detail-page.tsx')).ClientDetailPage }) },
          { path: 'services', lazy: async () => ({ Component: (await import('./pages/services-page.tsx')).ServicesPage }) },
          { path: 'booking-settings', lazy: async () => ({ Component: (await import('./pages/booking-settings-page.tsx')).BookingSettingsPage }) },
          { path: 'staff', lazy: async () => ({ Component: (await import('./pages/staff-page.tsx')).StaffPage }) },
          { path: 'staff/:userId', lazy: async () => ({ Component: (await import('./pages/staff-profile-page.tsx')).StaffProfilePage }) },
          { path: 'my-profile', lazy: async () => ({ Component: (await import('./pages/staff-profile-page.tsx')).MyProfilePage }) },
          { path: 'adverse-events', lazy: async () => ({ Component: (await import('./pages/adverse-events-page.tsx')).AdverseEventsPage }) },
          { path: 'audit', lazy: async () => ({ Component: (await import('./pages/audit-log-page.tsx')).AuditLogPage }) },
          { path: 'system', lazy: async () => ({ Component: (await import('./pages/system/system-page.tsx')).SystemPage }) },
          { path: 'outbox', lazy: async () => ({ Component: (await import('./pages/outbox-page.tsx')).OutboxPage }) },
          { path: 'settings', lazy: async () => ({ Component: (await import('./pages/clinic-settings-page.tsx')).ClinicSettingsPage }) },
          { path: 'integrations', lazy: async () => ({ Component: (await import('./pages/integrations-page.tsx')).IntegrationsPage }) },
          { path: 'content', lazy: async () => ({ Component: (await import('./pages/content-pages-page.tsx')).ContentPagesPage }) },
          { path: 'reviews', lazy: async () => ({ Component: (await import('./pages/reviews-page.tsx')).ReviewsPage }) },
          { path: 'reviews/new', lazy: async () => ({ Component: (await import('./pages/review-new-page.tsx')).ReviewNewPage }) },
          { path: 'consents', lazy: async () => ({ Component: (await import('./pages/my-consents-page.tsx')).MyConsentsPage }) },
          { path: 'consents/:kind', lazy: async () => ({ Component: (await import('./pages/my-consents-page.tsx')).SignConsentPage }) },
          { path: 'plan', lazy: async () => ({ Component: (await import('./pages/my-plan-page.tsx')).MyPlanPage }) },
          { path: 'aftercare', lazy: async () => ({ Component: (await import('./pages/my-aftercare-page.tsx')).MyAftercarePage }) },
          { path: 'my-data', lazy: async () => ({ Component: (await import('./pages/my-data-page.tsx')).MyDataPage }) },
          { path: 'consent-forms', lazy: async () => ({ Component: (await import('./pages/consent-forms-page.tsx')).ConsentFormsPage }) },
          { path: 'consent-forms/:kind', lazy: async () => ({ Component: (await import('./pages/consent-forms-page.tsx')).ConsentFormsPage }) },
          { path: 'screening-rules', lazy: async () => ({ Component: (await import('./pages/screening-rules-page.tsx')).ScreeningRulesPage }) },
          { path: 'data-requests', lazy: async () => ({ Component: (await import('./pages/data-requests-page.tsx')).DataRequestsPage }) },
          { path: 'my-details', lazy: async () => ({ Component: (await import('./pages/my-details-page.tsx')).MyDetailsPage }) },
          { path: 'account', lazy: async () => ({ Component: (await import('./pages/account-page.tsx')).AccountPage }) },
          { path: 'progress', lazy: async () => ({ Component: (await import('./pages/outcomes/my-progress-page.tsx')).MyProgressPage }) },
          { path: 'outcome-report', lazy: async () => ({ Component: (await import('./pages/outcomes/outcome-report-page.tsx')).OutcomeReportPage }) },
          { path: 'outcome-measures', lazy: async () => ({ Component: (await import('./pages/outcomes/outcome-measures-page.tsx')).OutcomeMeasuresPage }) },
          { path: 'money', lazy: async () => ({ Component: (await import('./pages/money/money-page.tsx')).MoneyPage }) },
          { path: 'my-money', lazy: async () => ({ Component: (await import('./pages/money/my-money-page.tsx')).MyMoneyPage }) },
          { path: 'register-clinic', lazy: async () => ({ Component: (await import('./pages/register-clinic-page.tsx')).RegisterClinicPage }) },
          { path: '*', lazy: async () => ({ Component: (await import('./pages/app-not-found-page.tsx')).AppNotFoundPage }) },
        ],
      },
    ],
  },
]);
