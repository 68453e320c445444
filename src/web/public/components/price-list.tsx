import { Clock } from 'lucide-react';
import type { PublicService } from '../../../features/site/site.service.ts';
import { formatMoney } from '../../lib/format.ts';

/** Services with duration, description and price; a free consultation says "Free". */
export function PriceList({ services, currency, headingLevel = 3 }: { services: PublicService[]; currency: string; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <ul className="list panel py-0 sm:py-0">
      {services.map((s) => (
        <li key={s.id} className="list-row">
          <div className="min-w-0">
            <Heading className="text-lg font-medium">{s.name}</Heading>
            <p className="muted mt-0.5 flex items-center gap-1.5">
              <Clock aria-hidden="true" className="size-4 shrink-0" />
              {s.durationMin} minutes
            </p>
            {s.description && <p className="mt-2">{s.description}</p>}
          </div>
          <p className={`price ${s.priceMinor === 0 ? 'text-jade-700' : ''}`}>{s.priceMinor === 0 ? 'Free' : formatMoney(s.priceMinor, currency)}</p>
        </li>
      ))}
    </ul>
  );
}
