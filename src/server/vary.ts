import type { FastifyReply } from 'fastify';

/** Adds `name` to the answer's Vary header unless it is there already (or Vary is `*`). */
export function addVary(reply: FastifyReply, name: string) {
  const vary = reply.getHeader('vary');
  if (vary === undefined || vary === '') return void reply.header('Vary', name);
  const list = Array.isArray(vary) ? vary.join(', ') : String(vary);
  const names = list.toLowerCase().split(',').map((n) => n.trim());
  if (!names.includes('*') && !names.includes(name.toLowerCase())) reply.header('Vary', `${list}, ${name}`);
}
