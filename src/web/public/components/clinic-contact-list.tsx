import { Globe, Mail, Phone } from 'lucide-react';
import { phoneNoWrap } from '../../lib/format.ts';

/** How to reach a clinic: phone, e-mail and (when it is a web address) its website. */
export function ClinicContactList({ phone, email, website }: { phone: string | null; email: string; website?: string | null }) {
  return (
    <ul className="flex list-none flex-col gap-2 p-0">
      {phone && (
        <li className="flex items-center gap-2">
          <Phone aria-hidden="true" className="size-5 shrink-0 text-jade-700" />
          <span><span className="sr-only">Phone </span><a href={`tel:${phone}`}>{phoneNoWrap(phone)}</a></span>
        </li>
      )}
      <li className="flex items-center gap-2">
        <Mail aria-hidden="true" className="size-5 shrink-0 text-jade-700" />
        <span className="min-w-0 break-words"><span className="sr-only">E-mail </span><a href={`mailto:${email}`}>{email}</a></span>
      </li>
      {website && /^https?:\/\//i.test(website) && (
        <li className="flex items-center gap-2">
          <Globe aria-hidden="true" className="size-5 shrink-0 text-jade-700" />
          <span className="min-w-0 break-words"><span className="sr-only">Website </span><a href={website} rel="noopener nofollow">{website.replace(/^https?:\/\//i, '')}</a></span>
        </li>
      )}
    </ul>
  );
}
