/** Plain words for money states and methods, shared by the desk, the owner and the client portal. */
export const METHOD_LABEL: Record<string, string> = {
  card_terminal: 'Card (terminal)', cash: 'Cash', bank_transfer: 'Bank transfer', package_credit: 'Package session', voucher: 'Gift voucher', online_card: 'Card (online)',
};
export const STATE_BADGE: Record<string, { label: string; badge: string }> = {
  paid: { label: 'Paid', badge: 'badge' },
  part_paid: { label: 'Part paid', badge: 'badge badge-caution' },
  unpaid: { label: 'Unpaid', badge: 'badge badge-caution' },
  in_credit: { label: 'Money owed back', badge: 'badge badge-neutral' },
  credited: { label: 'Cancelled by a credit note', badge: 'badge badge-neutral' },
};
export const CREDIT_REASON: Record<string, string> = {
  attended: 'Session attended', late_cancel: 'Late cancellation', no_show: 'Missed session', desk: 'Paid a visit at the desk', restored: 'Session given back',
  refunded: 'Sessions refunded', transferred_out: 'Moved to another client', transferred_in: 'Moved from another client',
};
