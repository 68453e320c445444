import { Link } from 'react-router';
import { Compass } from 'lucide-react';
import { usePageTitle } from '../use-page-title.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState } from '../../components/empty-state.tsx';

export function AppNotFoundPage() {
  usePageTitle('Page not found');
  return (
    <>
      <PageHeader title="We could not find that page" />
      <EmptyState icon={Compass} title="The address may be mistyped, or the page may have moved" action={<Link className="btn btn-primary" to="/app">Go to your home page</Link>} />
    </>
  );
}
